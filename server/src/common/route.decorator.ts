import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import type { HttpMethod, Route as RouteContract } from '@sanfang/shared';

const MAPPING: Record<HttpMethod, (path: string) => MethodDecorator> = {
  GET: Get,
  POST: Post,
  PUT: Put,
  PATCH: Patch,
  DELETE: Delete,
};

/**
 * Binds a handler to its shared route contract: method, path and success status come from
 * `shared/src/routes/*`, so the client's typed call and the controller cannot drift apart.
 * Use it in a `@Controller()` without prefix; the contract's path is the whole path under `api/`.
 */
export function Route(route: RouteContract): MethodDecorator {
  return applyDecorators(MAPPING[route.method](route.path), HttpCode(route.status));
}
