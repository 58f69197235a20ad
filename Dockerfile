# syntax=docker/dockerfile:1
# LinkMall 链商云: one image for the API (which also serves the console and the h5 shop) and the worker.
#   docker build -t linkmall .
#   docker run --env-file deploy/linkmall.env -p 3000:3000 linkmall                 # API
#   docker run --env-file deploy/linkmall.env linkmall node --import tsx apps/api/src/worker-main.ts
# compose.yaml runs both against PostgreSQL; docs/operations.md covers configuration and operations.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: only the package.json files, so source edits do not invalidate the npm ci layer ------
FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY . .
RUN find . -type f -not -name package.json -not -name package-lock.json -not -name .npmrc -delete \
 && find . -type d -empty -delete

# --- dependencies: every workspace's packages, from the lockfile only --------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /app ./
RUN npm ci --no-audit --no-fund

# --- build: the console (Vite) and the h5 shop (Taro) -------------------------------------------------
FROM deps AS build
COPY . .
RUN npm run build:web

# --- runtime ------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/linkmall/data
# Share posters are drawn by sharp through fontconfig; Chinese needs a CJK font (else it renders as
# boxes). postgresql-client (15 on bookworm) gives `npm run db:backup` its pg_dump.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk fontconfig postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The sources run through tsx (a devDependency), so the runtime keeps the full node_modules; the
# browser apps' build toolchains stay behind in the build stage, only their output comes along.
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json /app/tsconfig.base.json /app/tsconfig.json ./
COPY --from=build --chown=root:root /app/packages ./packages
COPY --from=build --chown=root:root /app/modules ./modules
COPY --from=build --chown=root:root /app/providers ./providers
COPY --from=build --chown=root:root /app/flows ./flows
COPY --from=build --chown=root:root /app/migrations ./migrations
COPY --from=build --chown=root:root /app/scripts ./scripts
COPY --from=build --chown=root:root /app/apps/api ./apps/api
COPY --from=build --chown=root:root /app/apps/worker ./apps/worker
COPY --from=build --chown=root:root /app/apps/admin/package.json /app/apps/admin/package.json
COPY --from=build --chown=root:root /app/apps/admin/dist ./apps/admin/dist
COPY --from=build --chown=root:root /app/apps/shop/package.json /app/apps/shop/package.json
COPY --from=build --chown=root:root /app/apps/shop/dist/h5 ./apps/shop/dist/h5
# The code is owned by root and read-only to the service user; only the data folder is writable
# (embedded mode keeps its database there, a server deployment only its generated files).
RUN mkdir -p /var/lib/linkmall/data && chown -R node:node /var/lib/linkmall
USER node
VOLUME ["/var/lib/linkmall/data"]
EXPOSE 3000
# node --import tsx runs in one process, so SIGTERM reaches the server and shutdown is graceful.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "apps/api/src/main.ts"]
