#!/usr/bin/env bash
# Parquet benchmark of issue 2: DeltaSharp vs DuckDB (one thread each) on the claims table.
# Usage: bash bench/run-parquet-bench.sh [--rows N] [--runs N] [--batch N] [--dir PATH] [--json PATH]
# Builds Release, installs DuckDB's Node package if missing, runs everything and prints a markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tests/tools/duckdb/node_modules/@duckdb/node-api ]; then bash scripts/setup-tools.sh; fi
dotnet build bench/DeltaSharp.Benchmarks -c Release --nologo -v q -clp:ErrorsOnly >&2
exec dotnet bench/DeltaSharp.Benchmarks/bin/Release/net10.0/DeltaSharp.Benchmarks.dll parquet --repo "$PWD" "$@"
