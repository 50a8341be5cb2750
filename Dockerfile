# syntax=docker/dockerfile:1
# Discograph: a GraphQL gateway generated from your database.
#
#   docker build -t discograph .
#   docker run --rm -p 4000:4000 -e DATABASE_URL=postgres://user:pass@db-host:5432/app discograph
#   docker run --rm -p 4000:4000 discograph            # no DATABASE_URL: the embedded demo database
#
# Configuration is by environment variables (DATABASE_URL, PORT, HOST, DISCOGRAPH_*; see README).
# Node 22 (LTS): Node 20 reached its end of life in April 2026; the test suite passes on both, and
# the gateway starts faster on 22.

# --- build: all dependencies, compile TypeScript, then drop the dev dependencies ---------------
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-cli.mjs scripts/build-demo-data.mjs ./scripts/
COPY scripts/bundle-stubs ./scripts/bundle-stubs/
# npm ci runs the `prepare` script, which compiles src/ to dist/ and bundles the CLI.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- runtime: node, production dependencies and dist/ only, as the unprivileged `node` user ----
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DISCOGRAPH_DEMO_DIR=/home/node/.cache/discograph/demo
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# No schema cache is baked in (the repository's is the demo's): `serve --from-cache` reads the
# cache of your own database, mounted at /app/schema-cache (see examples/compose.yaml).
USER node
EXPOSE 4000
# /readyz: healthy when the database answers and the schema is built (503 while it does not, so a
# replica started with --from-cache before its database shows "starting"/"unhealthy", not dead).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `serve` stops gracefully on SIGTERM (docker stop): in-flight requests finish, pools close.
ENTRYPOINT ["node", "dist/cli/main.js"]
CMD ["serve"]
