import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersController } from './users.controller';
import { UsersAdminRepository } from './users-admin.repository';
import { UsersAdminService } from './users-admin.service';

/** User administration for admins (accounts of duty officers, commanders and admins). */
@Module({
  imports: [AuthModule],
  controllers: [UsersController],
  providers: [UsersAdminRepository, UsersAdminService],
})
export class UsersModule {}
