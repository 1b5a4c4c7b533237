#!/usr/bin/env bash
# Delta log benchmark of issue 3 (docs/benchmarks.md): a generated table of 10,000 commits / 100,000 files —
# latest snapshot with checkpoints, JSON-only replay against DuckDB's read_ndjson (1 and 2 threads), time travel,
# small durable appends. Usage: bash bench/run-delta-log-bench.sh [--commits N] [--checkpoint-every N] [--runs N] [--dir PATH]
# The generated table is kept in --dir (default: $TMPDIR/deltasharp-bench/log-…) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/tools/duckdb/node_modules/@duckdb/node-api ]; then bash scripts/setup-tools.sh; fi
dotnet build bench/DeltaSharp.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly >&2
exec dotnet bench/DeltaSharp.Benchmarks/bin/Release/net10.0/DeltaSharp.Benchmarks.dll delta-log --repo "$PWD" "$@"
