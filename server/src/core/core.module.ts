import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JWT_KEY } from './jwt-key';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { CLOCK, systemClock } from './clock';
import { RUNTIME, type Runtime } from './runtime';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppSetting } from './settings/app-setting.entity';

/** Global configuration providers every feature may inject. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, runtime: Runtime): DynamicModule {
    return {
      module: CoreModule,
      imports: [TypeOrmModule.forFeature([AppSetting])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: RUNTIME, useValue: runtime },
        { provide: JWT_KEY, useValue: runtime.jwtSecret },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [APP_CONFIG, RUNTIME, JWT_KEY, CLOCK],
    };
  }
}
