#!/bin/sh
# Wireshark extcap launcher for winrm-extcap (Linux, macOS). Wireshark runs every executable
# file in its extcap folder but does not look into sub-folders, so the published program lives in
# the winrm-extcap/ folder beside this file and this launcher starts it with the same arguments.
# Nothing may be printed here: standard output belongs to the extcap protocol.
here=$(dirname "$0")
exec "$here/winrm-extcap/winrm-extcap" "$@"
