export * from './app-env.ts';
export * from './api-failure.ts';
export * from './error-body.ts';
export * from './validation.ts';
export * from './route.ts';
export * from './schemas.ts';
export { OpenAPIHono, z } from '@hono/zod-openapi';
