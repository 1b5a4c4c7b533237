#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: restores NuGet packages, installs the Node test tools
# (DuckDB for interop tests), builds and runs every test project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-tools.sh
dotnet build DeltaSharp.slnx -c Release
dotnet test DeltaSharp.slnx -c Release --no-build --logger "console;verbosity=normal" "$@"
