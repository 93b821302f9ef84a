#!/usr/bin/env bash
# Installs what the build, the samples and the test suite need on a fresh Debian machine:
# tshark (the oracle and the extcap host), libpcap, openssl and tcpdump (real TLS peers and
# capture), Lua 5.2 and 5.4 (the post-dissector's own tests) and PowerShell 7 (install.ps1).
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
for pair in tshark:tshark dumpcap:wireshark-common openssl:openssl tcpdump:tcpdump \
            lua5.2:lua5.2 lua5.4:lua5.4 ip:iproute2; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need_apt+=("${pair#*:}")
done
[ -e /usr/lib/x86_64-linux-gnu/libpcap.so ] || need_apt+=(libpcap0.8 libpcap0.8-dev)
if [ "${#need_apt[@]}" -gt 0 ]; then
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

export PATH="$PATH:$HOME/.dotnet/tools"
if ! command -v pwsh >/dev/null 2>&1; then
    dotnet tool install --global PowerShell --version 7.6.10 >/dev/null
fi
