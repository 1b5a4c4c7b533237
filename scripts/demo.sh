#!/usr/bin/env bash
# Runs the demo on a fresh embedded warehouse folder (./demo-warehouse, re-created on each run): builds the CLI and
# tells the demo notebook's story in SQL (time travel, RESTORE, DROP/UNDROP), then queries a generated claims table.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/DeltaSharp.Cli -c Release
dotnet src/DeltaSharp.Cli/bin/Release/net10.0/deltasharp.dll demo --warehouse ./demo-warehouse "$@"
