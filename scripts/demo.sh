#!/usr/bin/env bash
# The main job on a sample capture shipped in the repository: which certificate did the WinRM
# server present on the wire? Builds winrm-certs (restoring its NuGet packages) and runs it on
# samples/winrm-renewal.pcapng, where a server on 5986 moves from certificate A to its renewal B.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build src/WinRmCerts -c Release --nologo -v quiet >/dev/null
certs=src/WinRmCerts/bin/Release/net10.0/winrm-certs
# The sample's story is a mismatch: the listener configuration still names A while the wire shows
# B. report says so and exits with 2, the documented "check failed" code; only that code is
# accepted here, so the demo ends with 0 while any other failure still stops it.
"$certs" report samples/winrm-renewal.pcapng --listener-config samples/listener-config.txt || [[ $? -eq 2 ]]

# And the certificates themselves, as Windows opens them, named by thumbprint.
"$certs" export samples/winrm-renewal.pcapng --out "${1:-certs}" >/dev/null
echo "Certificates written to ${1:-certs}/ as THUMBPRINT.cer: $(ls "${1:-certs}" | wc -l) files"
