import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/config';
import { ClientConfigModule } from './config/client-config.controller';
import { redactRequest, SECRET_HEADERS } from './common/log-redact';
import { CoreModule } from './core/core.module';
import type { Runtime } from './core/runtime';
import { dataSourceOptions } from './database/data-source';
import { EventsModule } from './events/events.module';
import { GeoModule } from './geo/geo.module';
import { ImportModule } from './database/import/import.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LastMileModule } from './lastmile/lastmile.module';
import { DutyDeskModule } from './duty-desk/duty-desk.module';
import { DutyLogModule } from './duty-log/duty-log.module';
import { DutyReportModule } from './duty-report/report.module';
import { MetricsModule } from './metrics/metrics.module';
import { NoticesModule } from './notices/notices.module';
import { ResourcesModule } from './resources/resources.module';
import { TimersModule } from './timers/timers.module';
import { ResponsesModule } from './responses/responses.module';
import { UsersModule } from './users/users.module';
import { WarningsModule } from './warnings/warnings.module';
import { ReplayModule } from './replay/replay.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: Runtime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, runtime),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Link tokens (ack, shelter manager) in paths and query strings, and credential
            // headers, never reach a log line (src/common/log-redact.ts).
            serializers: { req: redactRequest },
            redact: SECRET_HEADERS.map((h) => `req.headers["${h}"]`),
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
          },
        }),
        // Each feature module registers its own entities (TypeOrmModule.forFeature).
        TypeOrmModule.forRoot({
          ...dataSourceOptions(runtime.databaseUrl, undefined, []),
          autoLoadEntities: true,
        }),
        AuthModule,
        TimersModule,
        EventsModule,
        GeoModule,
        NoticesModule,
        IncidentsModule,
        DutyLogModule,
        DutyReportModule,
        DutyDeskModule,
        ResourcesModule,
        HealthModule,
        MetricsModule,
        ResponsesModule,
        WarningsModule,
        ReplayModule,
        LastMileModule,
        ClientConfigModule,
        UsersModule,
        ImportModule,
      ],
    };
  }
}
