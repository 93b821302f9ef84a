#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the prerequisites, builds, and runs
# every test project. Run as root (live-capture and network-namespace tests need it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PATH:$HOME/.dotnet/tools"

dotnet build WinRmExtcap.sln -c Release --nologo -v quiet
# One test project at a time: several of them run real servers on loopback port 5986.
dotnet test WinRmExtcap.sln -c Release --no-build --nologo -m:1 \
    --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=3000000
