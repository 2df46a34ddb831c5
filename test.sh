#!/usr/bin/env bash
# Runs every PeerBot test on a fresh machine with the .NET SDK and Node.
# First it installs the pinned real clients the tests talk to (tests/tools/package-lock.json), then runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
dotnet test PeerBot.sln "$@"
