import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '@linkmall/http';

let cached: unknown;

/** The OpenAPI 3.0 document generated from the zod route definitions (built once; routes are fixed at start). */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token from /admin/auth/login or /shop/auth/login',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'partnerSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Signature',
    description: 'hex HMAC-SHA256(secret, METHOD\\nPATH (with its query string)\\nX-Timestamp\\nX-Nonce\\nhex SHA-256(body)) with X-Partner-Id (an API key id from the console), X-Timestamp (ms) and X-Nonce headers; each /open/v1 feed needs its scope',
  });
  cached ??= app.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'LinkMall 链商云 API',
      version: '0.1.0',
      description:
        'Three surfaces: `/admin/*` for platform, supplier and merchant staff; `/shop/*` for consumers, shop guides and distributors; ' +
        '`/open/*` for signed partner calls. Errors are always `{ "error": { "code", "message", "details" } }`, with `message` in ' +
        'zh-CN or en by Accept-Language. Money is integer fen. Each operation states who may call it in `x-access`. ' +
        'Writes accept an `Idempotency-Key` header.',
    },
    tags: [
      { name: 'Identity', description: 'Console sign-in, users, roles, organisations' },
      { name: 'Shop identity', description: 'Shop sign-in (phone or WeChat mini-program)' },
    ],
  });
  return cached;
}

/** A self-contained Swagger UI page; its scripts come from the swagger-ui-dist package we serve, never a CDN. */
export function docsPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>LinkMall 链商云 API 文档</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/docs-init.js"></script>
</body>
</html>`;
}
