import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/config';
import { CoreModule } from './core/core.module';
import type { Runtime } from './core/runtime';
import { dataSourceOptions } from './database/data-source';
import { EventsModule } from './events/events.module';
import { GeoModule } from './geo/geo.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { DutyLogModule } from './duty-log/duty-log.module';
import { DutyReportModule } from './duty-report/report.module';
import { MetricsModule } from './metrics/metrics.module';
import { NoticesModule } from './notices/notices.module';
import { ResourcesModule } from './resources/resources.module';
import { TimersModule } from './timers/timers.module';
import { ResponsesModule } from './responses/responses.module';
import { UsersModule } from './users/users.module';
import { WarningsModule } from './warnings/warnings.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: Runtime): DynamicModule {
    const staticFiles = config.clientDist
      ? [
          ServeStaticModule.forRoot({
            rootPath: config.clientDist,
            exclude: ['/api/{*rest}', '/metrics'],
          }),
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config, runtime),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(runtime.databaseUrl)),
        AuthModule,
        TimersModule,
        EventsModule,
        GeoModule,
        NoticesModule,
        IncidentsModule,
        DutyLogModule,
        DutyReportModule,
        ResourcesModule,
        HealthModule,
        MetricsModule,
        ResponsesModule,
        WarningsModule,
        UsersModule,
        ...staticFiles,
      ],
    };
  }
}
