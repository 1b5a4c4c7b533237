#!/usr/bin/env bash
# Installs what the tests and benchmarks need besides NuGet packages: the DuckDB Node package used as an
# independent Parquet reader/writer, and the delta-replay oracle (an independent Delta reader, Node + DuckDB)
# copied from shared/tools/delta-replay into tests/tools/delta-replay-run (git-ignored). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then apt-get update && apt-get install -y nodejs npm; fi
fi
if [ ! -d tests/tools/duckdb/node_modules/@duckdb/node-api ]; then
  # npm ci needs lock entries for every platform binary; this registry serves only linux-x64, so fall back
  # to npm install, which keeps the lock file as it is.
  (cd tests/tools/duckdb && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund))
fi

# delta-replay: $DELTASHARP_DELTA_REPLAY_DIR, else shared/ beside the repository (CI's layout), else the nearest
# ancestor folder that has shared/tools/delta-replay (nested worktrees).
replay_src="${DELTASHARP_DELTA_REPLAY_DIR:-}"
if [ -z "$replay_src" ]; then
  dir="$(cd .. && pwd)"
  while [ "$dir" != "/" ] && [ ! -f "$dir/shared/tools/delta-replay/replay.mjs" ]; do dir="$(dirname "$dir")"; done
  replay_src="$dir/shared/tools/delta-replay"
fi
replay_run=tests/tools/delta-replay-run
if [ -f "$replay_src/replay.mjs" ]; then
  mkdir -p "$replay_run"
  changed=0
  for f in "$replay_src"/*; do
    [ -f "$f" ] || continue
    name="$(basename "$f")"
    if ! cmp -s "$f" "$replay_run/$name"; then
      rm -f "$replay_run/$name"
      cp "$f" "$replay_run/$name"
      chmod u+w "$replay_run/$name"
      case "$name" in package.json|package-lock.json) changed=1 ;; esac
    fi
  done
  if [ "$changed" = 1 ] || [ ! -f "$replay_run/node_modules/@duckdb/node-api/package.json" ]; then
    (cd "$replay_run" && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund))
  fi
else
  echo "setup-tools: delta-replay not found (looked for shared/tools/delta-replay; set DELTASHARP_DELTA_REPLAY_DIR); the oracle tests will fail" >&2
fi
