import { Module } from '@nestjs/common';
import { ImportController } from './import.controller';

/** The browser's reference-data import (the CLI is `import.cli.ts`). */
@Module({ controllers: [ImportController] })
export class ImportModule {}
