#!/usr/bin/env bash
# Runs the demo on an embedded warehouse folder (./demo-warehouse): builds the CLI and replays the story.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/DeltaSharp.Cli -c Release
dotnet src/DeltaSharp.Cli/bin/Release/net10.0/deltasharp.dll demo --warehouse ./demo-warehouse "$@"
