import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { FeedToken } from './entities/feed-token.entity';
import { User } from './entities/user.entity';
import { JWT_KEY } from '../core/jwt-key';
import { LiveSessions } from './live-sessions';
import { UsersRepository } from './users.repository';
import { RevokedSession } from './entities/revoked-session.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, FeedToken, RevokedSession]),
    JwtModule.registerAsync({
      inject: [JWT_KEY, APP_CONFIG],
      useFactory: (secret: string, config: AppConfig) => ({
        // A key object, not the string: given a string, jsonwebtoken first tries (and fails)
        // to parse it as a PEM public key on every verify, which was a fifth of the CPU of
        // a reconnect storm (every socket handshake and API call verifies a token).
        secret: createSecretKey(Buffer.from(secret)),
        signOptions: { expiresIn: config.jwtTtlS, algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'login', ttl: config.loginRateWindowS * 1000, limit: config.loginRateLimit },
        ],
        errorMessage: 'Too many sign-in attempts; wait a minute and try again',
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    UsersRepository,
    AuthService,
    LiveSessions,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, LiveSessions, UsersRepository],
})
export class AuthModule {}
