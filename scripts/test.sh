#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: installs the prerequisites, builds, and runs
# every test project. Run as root (live-capture and network-namespace tests need it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PATH:$HOME/.dotnet/tools"

dotnet build WinRmExtcap.sln -c Release --nologo -v quiet
# One test project at a time: several of them run real servers on loopback port 5986.
log="$(mktemp)"
status=0
dotnet test WinRmExtcap.sln -c Release --no-build --nologo -m:1 \
    --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=3000000 | tee "$log" \
    || status=$?

# One closing line over all test projects, in the plain form CI reads.
sum() { grep -E "^ +$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
echo "$(sum Passed) passed, $(sum Failed) failed, $(sum Skipped) skipped"
rm -f "$log"
exit "$status"
