import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersController } from './users.controller';
import { UsersAdminService } from './users-admin.service';

/** User administration for admins (accounts of duty officers, commanders and admins). */
@Module({
  imports: [AuthModule],
  controllers: [UsersController],
  providers: [UsersAdminService],
})
export class UsersModule {}
