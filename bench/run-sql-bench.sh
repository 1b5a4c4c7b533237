#!/usr/bin/env bash
# SQL benchmark of issue 4: DeltaSharp vs DuckDB (1 and 2 threads) on a 10M-row claims Delta table.
# Usage: bash bench/run-sql-bench.sh [--rows N] [--runs N] [--dml-runs N] [--threads 1,2] [--only count,agg,…,dml] [--dir PATH]
# The generated tables are cached in bench/data/sql-<rows> (gitignored) and reused by later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/tools/duckdb/node_modules/@duckdb/node-api ]; then bash scripts/setup-tools.sh; fi
dotnet build bench/DeltaSharp.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly >&2
exec dotnet bench/DeltaSharp.Benchmarks/bin/Release/net10.0/DeltaSharp.Benchmarks.dll sql --repo "$PWD" "$@"
