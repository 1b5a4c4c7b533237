#!/usr/bin/env bash
# Installs what the tests and benchmarks need besides NuGet packages: the DuckDB Node package used as an
# independent Parquet reader/writer. Idempotent.
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
