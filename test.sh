#!/usr/bin/env bash
# Runs every PeerBot test on a fresh machine with the .NET SDK and Node.
# First it installs the pinned real clients the tests talk to (tests/tools/package-lock.json) and poppler, then
# runs dotnet test.
set -euo pipefail
cd "$(dirname "$0")"

npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error

# A printed statement is read back as a reader would, with poppler (Debian's poppler-utils).
if ! command -v pdftotext >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq poppler-utils
fi
dotnet test PeerBot.sln "$@"
