@echo off
rem Wireshark extcap launcher for winrm-extcap (Windows). Wireshark runs .cmd files in its
rem extcap folder but does not look into sub-folders; the published program lives in the
rem winrm-extcap\ folder beside this file and gets the same arguments.
"%~dp0winrm-extcap\winrm-extcap.exe" %*
