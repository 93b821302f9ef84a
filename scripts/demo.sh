#!/usr/bin/env bash
# The main job on a sample capture shipped in the repository: which certificate did the WinRM
# server present on the wire? Builds winrm-certs (restoring its NuGet packages) and runs it on
# samples/winrm-renewal.pcapng, where a server on 5986 moves from certificate A to its renewal B.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/WinRmCerts -c Release --nologo -v quiet >/dev/null
certs=src/WinRmCerts/bin/Release/net10.0/winrm-certs
out="${1:-certs}"

"$certs" export samples/winrm-renewal.pcapng --out "$out"
