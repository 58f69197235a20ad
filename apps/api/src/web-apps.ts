import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '@linkmall/http';

/**
 * One process serves everything: the console at /console/, the h5 shop at /h5/ and the API reference's
 * assets at /docs/assets/. Built apps are read from `webRoot` (apps/ by default).
 */
export function serveWebApps(app: OpenAPIHono<AppEnv>, webRoot = new URL('../../', import.meta.url).pathname) {
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  app.get('/docs/assets/docs-init.js', (c) =>
    c.body(
      "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, persistAuthorization: true });",
      200,
      { 'content-type': 'text/javascript; charset=utf-8' },
    ),
  );
  app.use('/docs/assets/*', serveStatic({ root: swaggerDir, rewriteRequestPath: (path) => path.replace(/^\/docs\/assets/, '') }));

  const consoleDir = join(webRoot, 'admin/dist');
  const shopDir = join(webRoot, 'shop/dist/h5');
  app.get('/', (c) => c.redirect('/console/'));
  mountSpa(app, '/console', consoleDir, '控制台尚未构建：请先运行 npm run build:web / The console is not built yet: run npm run build:web');
  mountSpa(app, '/h5', shopDir, '商城 H5 尚未构建：请先运行 npm run build:web / The h5 shop is not built yet: run npm run build:web');
}

function mountSpa(app: OpenAPIHono<AppEnv>, prefix: string, dir: string, missing: string) {
  app.get(prefix, (c) => c.redirect(`${prefix}/`));
  app.use(`${prefix}/*`, serveStatic({ root: dir, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }));
  // Client-side routes (/console/users) fall back to the app's index.html.
  app.get(`${prefix}/*`, (c) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) return c.text(missing, 503);
    return c.html(readFileSync(index, 'utf8'));
  });
}
