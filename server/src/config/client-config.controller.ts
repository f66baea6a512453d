import { Controller, Inject, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type ClientConfigDto, clientConfigRoutes, type RouteHandlers } from '@sanfang/shared';
import { Public } from '../common/public.decorator';
import { Route } from '../common/route.decorator';
import { APP_CONFIG, type AppConfig } from './config';

@ApiTags('config')
@Controller()
export class ClientConfigController implements RouteHandlers<typeof clientConfigRoutes> {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Public: the sign-in page already shows the map. Nothing secret is in it. */
  @Public()
  @Route(clientConfigRoutes.get)
  get(): ClientConfigDto {
    return {
      basemap: this.config.tileUrl
        ? { tileUrl: this.config.tileUrl, attribution: this.config.tileAttribution }
        : null,
    };
  }
}

@Module({ controllers: [ClientConfigController] })
export class ClientConfigModule {}
