#!/usr/bin/env pwsh

<#
.SYNOPSIS
Installs the WinRM capture interface (winrm-extcap), the WinRM configuration profile, the
winrm-cert.lua post-dissector and the winrm-certs exporter where the installed Wireshark looks
for them. Runs on PowerShell 7 (Windows, Linux, macOS) and Windows PowerShell 5.1.

.DESCRIPTION
The script asks the installed Wireshark where it looks ("tshark -G folders"), falling back to the
registry and the usual install folders, publishes src/WinRmExtcap and src/WinRmCerts with
"dotnet publish", and installs:
  - winrm-extcap, with its launcher from extcap/, in Wireshark's extcap folder;
  - the profile profiles/WinRM into Wireshark's profiles folder;
  - plugins/winrm-cert.lua into Wireshark's Lua plugin folder;
  - a winrm-certs launcher on the PATH (Linux, macOS) or its folder added to PATH (Windows).
Everything it creates is listed in install-manifest.json in the program folder; -Uninstall
removes exactly what that manifest lists and nothing else. A file that was already there and
did not come from this script is kept beside the new one as <name>.before-winrm-extcap and put
back on -Uninstall. Running the script twice is harmless.

.PARAMETER Uninstall
Removes what an earlier run installed (as listed in its manifest).

.PARAMETER Scope
CurrentUser (default): personal Wireshark folders, no administrator rights needed.
AllUsers: Wireshark's global folders; needs administrator (Windows) or root (Linux, macOS).

.PARAMETER TsharkPath
The tshark to ask for Wireshark's folders, when it is not on PATH or in a usual place.

.PARAMETER ExtcapFolder
Where the winrm-extcap launcher goes, instead of the folder Wireshark reports.

.PARAMETER ProfilesFolder
The folder that holds Wireshark's profiles; the profile goes into its WinRM sub-folder.

.PARAMETER PluginFolder
Where winrm-cert.lua goes, instead of Wireshark's Lua plugin folder.

.PARAMETER ProgramFolder
Where the published winrm-certs and the manifest go (winrm-extcap goes into the winrm-extcap
sub-folder of the extcap folder, beside its launcher).

.PARAMETER BinFolder
Linux and macOS: where the winrm-certs launcher goes (default ~/.local/bin, or /usr/local/bin
for AllUsers). Windows: ignored, the program's folder is added to PATH instead.

.PARAMETER PublishedFolder
Installs the programs already published there (its sub-folders winrm-extcap and winrm-certs,
as "dotnet publish -o <folder>/<name>" leaves them) instead of running dotnet publish.

.PARAMETER SelfContained
Publishes self-contained for this machine's runtime identifier, so no .NET runtime is needed.
Without it the programs need the .NET 10 runtime (Microsoft.NETCore.App 10.0).

.EXAMPLE
./install.ps1
.EXAMPLE
./install.ps1 -WhatIf
.EXAMPLE
./install.ps1 -Uninstall
#>
[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'Medium')]
param(
    [switch] $Uninstall,
    [ValidateSet('CurrentUser', 'AllUsers')]
    [string] $Scope = 'CurrentUser',
    [string] $TsharkPath,
    [string] $ExtcapFolder,
    [string] $ProfilesFolder,
    [string] $PluginFolder,
    [string] $ProgramFolder,
    [string] $BinFolder,
    [string] $PublishedFolder,
    [switch] $SelfContained
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# Folders given on the command line are relative to PowerShell's location, not the process's.
foreach ($name in @('TsharkPath', 'ExtcapFolder', 'ProfilesFolder', 'PluginFolder', 'ProgramFolder',
        'BinFolder', 'PublishedFolder')) {
    $value = Get-Variable -Name $name -ValueOnly
    if ($value) {
        Set-Variable -Name $name -Value $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($value)
    }
}

$script:OnWindows = ($PSVersionTable.PSEdition -eq 'Desktop') -or
    ((Test-Path Variable:IsWindows) -and $IsWindows)
$script:OnMac = (-not $script:OnWindows) -and (Test-Path Variable:IsMacOS) -and $IsMacOS
$script:RepositoryRoot = $PSScriptRoot
$script:ProfileName = 'WinRM'
$script:ManifestName = 'install-manifest.json'
$script:BackupSuffix = '.before-winrm-extcap'
$script:Utf8 = New-Object System.Text.UTF8Encoding($false)

function Join-Paths([string] $First, [string[]] $Rest) {
    $path = $First
    foreach ($part in $Rest) {
        $path = [System.IO.Path]::Combine($path, $part)
    }
    return $path
}

function Get-HomeFolder {
    if (-not $script:OnWindows -and $env:HOME) {
        return $env:HOME
    }
    return [Environment]::GetFolderPath('UserProfile')
}

function Write-Step([string] $Verb, [string] $What) {
    Write-Host ('{0,-10} {1}' -f $Verb, $What)
}

#region Finding Wireshark

function Find-Tshark {
    if ($TsharkPath) {
        if (-not (Test-Path -LiteralPath $TsharkPath -PathType Leaf)) {
            throw "No tshark at '$TsharkPath' (given with -TsharkPath)."
        }
        return (Resolve-Path -LiteralPath $TsharkPath).ProviderPath
    }

    $command = Get-Command -Name 'tshark' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if ($command) {
        return $command.Path
    }

    $candidates = @()
    if ($script:OnWindows) {
        $candidates += Get-WiresharkFoldersFromRegistry
        foreach ($root in @($env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:ProgramW6432)) {
            if ($root) {
                $candidates += [System.IO.Path]::Combine($root, 'Wireshark')
            }
        }
        $candidates = $candidates | ForEach-Object { [System.IO.Path]::Combine($_, 'tshark.exe') }
    }
    elseif ($script:OnMac) {
        $candidates = @('/Applications/Wireshark.app/Contents/MacOS/tshark',
            (Join-Paths (Get-HomeFolder) @('Applications', 'Wireshark.app', 'Contents', 'MacOS', 'tshark')),
            '/opt/homebrew/bin/tshark', '/usr/local/bin/tshark')
    }
    else {
        $candidates = @('/usr/bin/tshark', '/usr/local/bin/tshark', '/snap/bin/tshark')
    }
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path -LiteralPath $candidate -PathType Leaf)) {
            return $candidate
        }
    }
    return $null
}

function Get-WiresharkFoldersFromRegistry {
    $folders = @()
    $keys = @(
        'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\Wireshark.exe',
        'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\Wireshark',
        'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\Wireshark',
        'HKLM:\SOFTWARE\Wireshark')
    foreach ($key in $keys) {
        $item = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue
        if (-not $item) {
            continue
        }
        foreach ($name in @('Path', 'InstallLocation', 'InstallDir')) {
            if ($item.PSObject.Properties[$name] -and $item.$name) {
                $folders += $item.$name.Trim('"')
            }
        }
        if ($item.PSObject.Properties['(default)'] -and $item.'(default)') {
            $folders += [System.IO.Path]::GetDirectoryName($item.'(default)'.Trim('"'))
        }
        if ($item.PSObject.Properties['UninstallString'] -and $item.UninstallString) {
            $folders += [System.IO.Path]::GetDirectoryName($item.UninstallString.Trim('"'))
        }
    }
    return $folders
}

# Asks tshark for its version and folders; lines of "tshark -G folders" are "<name>:<TAB><path>".
function Get-WiresharkInfo([string] $Tshark) {
    $info = [ordered]@{ Tshark = $Tshark; Version = $null; Folders = @{} }

    $versionLine = (& $Tshark -v 2>$null | Select-Object -First 1)
    if ($versionLine -match '(\d+)\.(\d+)\.(\d+)') {
        $info.Version = New-Object System.Version($Matches[1], $Matches[2], $Matches[3])
    }

    $lines = & $Tshark -G folders 2>$null
    foreach ($line in $lines) {
        $parts = $line -split "`t", 2
        if ($parts.Count -eq 2) {
            $name = $parts[0].Trim().TrimEnd(':')
            if (-not $info.Folders.ContainsKey($name)) {
                $info.Folders[$name] = $parts[1].Trim()
            }
        }
    }
    return [pscustomobject] $info
}

function Get-DefaultPersonalConfiguration {
    if ($script:OnWindows) {
        return [System.IO.Path]::Combine($env:APPDATA, 'Wireshark')
    }
    $config = $env:XDG_CONFIG_HOME
    if (-not $config) {
        $config = Join-Paths (Get-HomeFolder) @('.config')
    }
    return [System.IO.Path]::Combine($config, 'wireshark')
}

# Wireshark 4.2 moved the personal extcap folder on Linux and macOS from the configuration
# folder to ~/.local/lib/wireshark/extcap; 4.2 and newer also print it in "tshark -G folders".
function Get-PersonalExtcapFolder($Wireshark, [string] $PersonalConfiguration) {
    if ($Wireshark.Folders.ContainsKey('Personal Extcap path')) {
        return $Wireshark.Folders['Personal Extcap path']
    }
    $movedIn = New-Object System.Version(4, 2, 0)
    if ($script:OnWindows -or ($Wireshark.Version -and $Wireshark.Version -lt $movedIn)) {
        return [System.IO.Path]::Combine($PersonalConfiguration, 'extcap')
    }
    return Join-Paths (Get-HomeFolder) @('.local', 'lib', 'wireshark', 'extcap')
}

function Resolve-Targets($Wireshark) {
    $folders = $Wireshark.Folders
    $allUsers = $Scope -eq 'AllUsers'
    $targets = [ordered]@{}

    $personal = if ($folders.ContainsKey('Personal configuration')) {
        $folders['Personal configuration'] } else { Get-DefaultPersonalConfiguration }

    if ($ExtcapFolder) {
        $targets.Extcap = $ExtcapFolder
    }
    elseif ($allUsers) {
        foreach ($name in @('Global Extcap path', 'Extcap path')) {
            if ($folders.ContainsKey($name)) {
                $targets.Extcap = $folders[$name]
                break
            }
        }
        if (-not $targets.Contains('Extcap')) {
            throw "Wireshark did not report its global extcap folder; pass -ExtcapFolder."
        }
    }
    else {
        $targets.Extcap = Get-PersonalExtcapFolder $Wireshark $personal
    }

    if ($ProfilesFolder) {
        $targets.Profiles = $ProfilesFolder
    }
    elseif ($allUsers) {
        if (-not $folders.ContainsKey('Global configuration')) {
            throw "Wireshark did not report its global configuration folder; pass -ProfilesFolder."
        }
        $targets.Profiles = [System.IO.Path]::Combine($folders['Global configuration'], 'profiles')
    }
    else {
        $targets.Profiles = [System.IO.Path]::Combine($personal, 'profiles')
    }

    $luaName = if ($allUsers) { 'Global Lua Plugins' } else { 'Personal Lua Plugins' }
    if ($PluginFolder) {
        $targets.Plugins = $PluginFolder
    }
    elseif ($folders.ContainsKey($luaName)) {
        $targets.Plugins = $folders[$luaName]
    }
    elseif ($allUsers) {
        throw "Wireshark did not report its global Lua plugin folder; pass -PluginFolder."
    }
    elseif ($script:OnWindows) {
        $targets.Plugins = [System.IO.Path]::Combine($personal, 'plugins')
    }
    else {
        $targets.Plugins = Join-Paths (Get-HomeFolder) @('.local', 'lib', 'wireshark', 'plugins')
    }

    if ($ProgramFolder) {
        $targets.Program = $ProgramFolder
    }
    elseif ($script:OnWindows) {
        $root = if ($allUsers) { $env:ProgramFiles } else { $env:LOCALAPPDATA }
        $targets.Program = [System.IO.Path]::Combine($root, 'WinRmExtcap')
    }
    elseif ($allUsers) {
        $targets.Program = '/opt/winrm-extcap'
    }
    else {
        $data = $env:XDG_DATA_HOME
        if (-not $data) {
            $data = Join-Paths (Get-HomeFolder) @('.local', 'share')
        }
        $targets.Program = [System.IO.Path]::Combine($data, 'winrm-extcap')
    }

    if ($script:OnWindows) {
        $targets.Bin = $null
    }
    elseif ($BinFolder) {
        $targets.Bin = $BinFolder
    }
    elseif ($allUsers) {
        $targets.Bin = '/usr/local/bin'
    }
    else {
        $targets.Bin = Join-Paths (Get-HomeFolder) @('.local', 'bin')
    }
    return [pscustomobject] $targets
}

#endregion

#region The manifest

function New-Manifest {
    return [pscustomobject]@{
        files = New-Object System.Collections.ArrayList
        directories = New-Object System.Collections.ArrayList
        pathEntries = New-Object System.Collections.ArrayList
    }
}

function Read-Manifest([string] $Path) {
    $manifest = New-Manifest
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) {
        return $manifest
    }
    $stored = [System.IO.File]::ReadAllText($Path) | ConvertFrom-Json
    foreach ($name in @('files', 'directories', 'pathEntries')) {
        if ($stored.PSObject.Properties[$name] -and $stored.$name) {
            foreach ($entry in @($stored.$name)) {
                [void] $manifest.$name.Add($entry)
            }
        }
    }
    return $manifest
}

function Save-Manifest($Manifest, [string] $Path) {
    $json = [pscustomobject]@{
        comment = 'Written by install.ps1 of WinRmExtcap; install.ps1 -Uninstall removes exactly these.'
        files = @($Manifest.files)
        directories = @($Manifest.directories)
        pathEntries = @($Manifest.pathEntries)
    } | ConvertTo-Json -Depth 4
    [System.IO.File]::WriteAllText($Path, $json + "`n", $script:Utf8)
}

function Find-FileEntry($Manifest, [string] $Path) {
    foreach ($entry in $Manifest.files) {
        if ($entry.path -eq $Path) {
            return $entry
        }
    }
    return $null
}

#endregion

#region Installing files

# Creates a folder and every missing parent, recording each one created in the manifest.
function New-TrackedDirectory([string] $Path, $Manifest) {
    $missing = New-Object System.Collections.ArrayList
    $current = [System.IO.Path]::GetFullPath($Path)
    while ($current -and -not (Test-Path -LiteralPath $current -PathType Container)) {
        [void] $missing.Insert(0, $current)
        $current = [System.IO.Path]::GetDirectoryName($current)
    }
    foreach ($folder in $missing) {
        if ($PSCmdlet.ShouldProcess($folder, 'Create folder')) {
            [void] (New-Item -ItemType Directory -Path $folder -Force)
            if (-not ($Manifest.directories -contains $folder)) {
                [void] $Manifest.directories.Add($folder)
            }
            Write-Step 'created' $folder
        }
    }
}

function Get-ContentHash([byte[]] $Bytes) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    try {
        return [System.BitConverter]::ToString($sha.ComputeHash($Bytes))
    }
    finally {
        $sha.Dispose()
    }
}

function Set-Executable([string] $Path) {
    if (-not $script:OnWindows) {
        & chmod 755 $Path
        if ($LASTEXITCODE -ne 0) {
            throw "chmod failed on '$Path'."
        }
    }
}

# Writes the bytes to the target unless it already holds them. A file that did not come from
# this script is kept beside it, so -Uninstall can put it back; a file this script installed
# that was changed since (Wireshark rewrites a profile's preferences when the user changes them)
# is left as the user made it.
function Install-Bytes([byte[]] $Bytes, [string] $Target, $Manifest, [switch] $Executable) {
    $Target = [System.IO.Path]::GetFullPath($Target)
    $entry = Find-FileEntry $Manifest $Target
    $exists = Test-Path -LiteralPath $Target -PathType Leaf
    $newHash = Get-ContentHash $Bytes

    if ($exists -and $entry) {
        $currentHash = Get-ContentHash ([System.IO.File]::ReadAllBytes($Target))
        if ($currentHash -eq $newHash) {
            Write-Step 'unchanged' $Target
            return
        }
        if ($entry.sha256 -and $currentHash -ne $entry.sha256) {
            Write-Step 'kept' "$Target (changed since it was installed)"
            return
        }
    }
    if (-not $PSCmdlet.ShouldProcess($Target, 'Install file')) {
        return
    }

    New-TrackedDirectory ([System.IO.Path]::GetDirectoryName($Target)) $Manifest
    $backup = $null
    if ($exists -and -not $entry) {
        $backup = $Target + $script:BackupSuffix
        Move-Item -LiteralPath $Target -Destination $backup -Force
        Write-Step 'kept' "$Target (the earlier file is now $backup)"
    }
    [System.IO.File]::WriteAllBytes($Target, $Bytes)
    if ($Executable) {
        Set-Executable $Target
    }
    if ($entry) {
        $entry | Add-Member -NotePropertyName sha256 -NotePropertyValue $newHash -Force
    }
    else {
        [void] $Manifest.files.Add([pscustomobject]@{ path = $Target; sha256 = $newHash; backup = $backup })
    }
    Write-Step 'installed' $Target
}

function Install-Text([string] $Text, [string] $Target, $Manifest, [switch] $Executable) {
    Install-Bytes $script:Utf8.GetBytes($Text) $Target $Manifest -Executable:$Executable
}

function Install-Folder([string] $Source, [string] $Target, $Manifest) {
    $sourceRoot = (Resolve-Path -LiteralPath $Source).ProviderPath.TrimEnd('/', '\')
    $files = Get-ChildItem -LiteralPath $sourceRoot -Recurse -File | Sort-Object FullName
    foreach ($file in $files) {
        $relative = $file.FullName.Substring($sourceRoot.Length + 1)
        $destination = [System.IO.Path]::Combine($Target, $relative)
        $isProgram = -not $script:OnWindows -and $file.Extension -eq '' -and
            ($file.Name -eq 'winrm-extcap' -or $file.Name -eq 'winrm-certs')
        Install-Bytes ([System.IO.File]::ReadAllBytes($file.FullName)) $destination $Manifest `
            -Executable:$isProgram
    }
}

#endregion

#region Publishing

function Get-RuntimeIdentifier {
    $architecture = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    if ($script:OnWindows) {
        return "win-$architecture"
    }
    if ($script:OnMac) {
        return "osx-$architecture"
    }
    return "linux-$architecture"
}

function Publish-Programs([string] $Staging) {
    $dotnet = Get-Command -Name 'dotnet' -CommandType Application -ErrorAction SilentlyContinue |
        Select-Object -First 1
    if (-not $dotnet) {
        throw ('The .NET 10 SDK (dotnet) is needed to publish winrm-extcap and winrm-certs; ' +
            'install it from https://dot.net, or pass -PublishedFolder.')
    }

    $projects = [ordered]@{
        'winrm-extcap' = Join-Paths $script:RepositoryRoot @('src', 'WinRmExtcap', 'WinRmExtcap.csproj')
        'winrm-certs' = Join-Paths $script:RepositoryRoot @('src', 'WinRmCerts', 'WinRmCerts.csproj')
    }
    foreach ($name in $projects.Keys) {
        $output = [System.IO.Path]::Combine($Staging, $name)
        $arguments = @('publish', $projects[$name], '-c', 'Release', '-o', $output, '--nologo',
            '-v', 'quiet', '-p:DebugType=none')
        if ($SelfContained) {
            $arguments += @('--self-contained', 'true', '-r', (Get-RuntimeIdentifier))
        }
        else {
            $arguments += @('--self-contained', 'false')
        }
        Write-Step 'publishing' $projects[$name]
        & $dotnet.Path @arguments | Out-Host
        if ($LASTEXITCODE -ne 0) {
            throw "dotnet publish of $($projects[$name]) failed (exit code $LASTEXITCODE)."
        }
    }
}

#endregion

#region Launchers and PATH

# The launcher Wireshark runs from its extcap folder (extcap/ in the repository); the published
# program goes into the winrm-extcap sub-folder beside it, which Wireshark does not scan.
function Get-ExtcapLauncher {
    $name = if ($script:OnWindows) { 'winrm-extcap.cmd' } else { 'winrm-extcap.sh' }
    $source = Join-Paths $script:RepositoryRoot @('extcap', $name)
    if (Test-Path -LiteralPath $source -PathType Leaf) {
        return @{ Name = $name; Bytes = [System.IO.File]::ReadAllBytes($source) }
    }
    $text = if ($script:OnWindows) {
        "@echo off`r`n`"%~dp0winrm-extcap\winrm-extcap.exe`" %*`r`n"
    }
    else {
        "#!/bin/sh`nexec `"`$(dirname `"`$0`")/winrm-extcap/winrm-extcap`" `"`$@`"`n"
    }
    return @{ Name = $name; Bytes = $script:Utf8.GetBytes($text) }
}

# TODO: [Environment]::SetEnvironmentVariable writes PATH back as a plain string, so entries
# written as %VARIABLE% in an expandable PATH are stored expanded.
function Add-PathEntry([string] $Folder, $Manifest) {
    $target = if ($Scope -eq 'AllUsers') { 'Machine' } else { 'User' }
    $current = [Environment]::GetEnvironmentVariable('Path', $target)
    $entries = @()
    if ($current) {
        $entries = $current -split ';' | Where-Object { $_ }
    }
    if ($entries -contains $Folder) {
        Write-Step 'unchanged' "PATH ($target) contains $Folder"
        return
    }
    if ($PSCmdlet.ShouldProcess("PATH ($target)", "Add $Folder")) {
        [Environment]::SetEnvironmentVariable('Path', (($entries + $Folder) -join ';'), $target)
        [void] $Manifest.pathEntries.Add([pscustomobject]@{ folder = $Folder; target = $target })
        Write-Step 'added' "$Folder to PATH ($target); open a new terminal to use winrm-certs"
    }
}

function Remove-PathEntry($Entry) {
    $current = [Environment]::GetEnvironmentVariable('Path', $Entry.target)
    if (-not $current) {
        return
    }
    $entries = $current -split ';' | Where-Object { $_ }
    if (-not ($entries -contains $Entry.folder)) {
        return
    }
    if ($PSCmdlet.ShouldProcess("PATH ($($Entry.target))", "Remove $($Entry.folder)")) {
        $kept = $entries | Where-Object { $_ -ne $Entry.folder }
        [Environment]::SetEnvironmentVariable('Path', ($kept -join ';'), $Entry.target)
        Write-Step 'removed' "$($Entry.folder) from PATH ($($Entry.target))"
    }
}

#endregion

function Install-All($Targets, $Wireshark) {
    $manifestPath = [System.IO.Path]::Combine($Targets.Program, $script:ManifestName)
    $manifest = Read-Manifest $manifestPath

    $published = $PublishedFolder
    $staging = $null
    if (-not $published) {
        if ($PSCmdlet.ShouldProcess('winrm-extcap and winrm-certs', 'dotnet publish')) {
            $staging = Join-Paths ([System.IO.Path]::GetTempPath()) @("winrm-extcap-publish-$PID")
            Publish-Programs $staging
            $published = $staging
        }
    }

    try {
        if ($published) {
            $destinations = [ordered]@{
                'winrm-extcap' = [System.IO.Path]::Combine($Targets.Extcap, 'winrm-extcap')
                'winrm-certs' = [System.IO.Path]::Combine($Targets.Program, 'winrm-certs')
            }
            foreach ($name in $destinations.Keys) {
                $source = [System.IO.Path]::Combine($published, $name)
                if (-not (Test-Path -LiteralPath $source -PathType Container)) {
                    throw "No published '$name' folder in '$published'."
                }
                Install-Folder $source $destinations[$name] $manifest
            }
        }

        $launcher = Get-ExtcapLauncher
        Install-Bytes $launcher.Bytes ([System.IO.Path]::Combine($Targets.Extcap, $launcher.Name)) `
            $manifest -Executable

        $profileSource = Join-Paths $script:RepositoryRoot @('profiles', $script:ProfileName)
        Install-Folder $profileSource ([System.IO.Path]::Combine($Targets.Profiles, $script:ProfileName)) $manifest

        $plugin = Join-Paths $script:RepositoryRoot @('plugins', 'winrm-cert.lua')
        Install-Bytes ([System.IO.File]::ReadAllBytes($plugin)) `
            ([System.IO.Path]::Combine($Targets.Plugins, 'winrm-cert.lua')) $manifest

        if ($script:OnWindows) {
            Add-PathEntry ([System.IO.Path]::Combine($Targets.Program, 'winrm-certs')) $manifest
        }
        else {
            $certs = Join-Paths $Targets.Program @('winrm-certs', 'winrm-certs')
            Install-Text "#!/bin/sh`nexec '$certs' `"`$@`"`n" `
                ([System.IO.Path]::Combine($Targets.Bin, 'winrm-certs')) $manifest -Executable
            $onPath = ($env:PATH -split ':') -contains $Targets.Bin
            if (-not $onPath) {
                Write-Host ("note       $($Targets.Bin) is not on PATH; add it (for example in " +
                    "~/.profile: export PATH=`"$($Targets.Bin):`$PATH`") to run winrm-certs")
            }
        }

        if ($PSCmdlet.ShouldProcess($manifestPath, 'Write install manifest')) {
            New-TrackedDirectory $Targets.Program $manifest
            Save-Manifest $manifest $manifestPath
        }
    }
    finally {
        if ($staging -and (Test-Path -LiteralPath $staging)) {
            Remove-Item -LiteralPath $staging -Recurse -Force
        }
    }

    Write-Host ''
    if ($WhatIfPreference) {
        Write-Host "Nothing was changed (-WhatIf): the lines above say what an install would do."
        return
    }
    Write-Host "WinRM tools installed for Wireshark $($Wireshark.Version) ($($Wireshark.Tshark))."
    Write-Host "  Capture interface: 'WinRM over HTTPS' (winrm) in the interface list (Capture > Refresh Interfaces, F5)."
    Write-Host ("  Profile: Edit > Configuration Profiles > $($script:ProfileName), " +
        "or wireshark -C $($script:ProfileName).")
    if (-not $SelfContained -and -not $PublishedFolder) {
        Write-Host '  winrm-extcap and winrm-certs need the .NET 10 runtime (Microsoft.NETCore.App 10.0);'
        Write-Host '  run again with -SelfContained to install programs that carry their own runtime.'
    }
    if (-not $script:OnWindows) {
        Write-Host '  Live capture needs capture rights for winrm-extcap (root, or on Linux:'
        $binary = Join-Paths $Targets.Extcap @('winrm-extcap', 'winrm-extcap')
        Write-Host "  sudo setcap cap_net_raw,cap_net_admin=eip '$binary')."
    }
    Write-Host "  Manifest: $manifestPath (./install.ps1 -Uninstall removes what it lists)."
}

function Uninstall-All($Targets) {
    $manifestPath = [System.IO.Path]::Combine($Targets.Program, $script:ManifestName)
    if (-not (Test-Path -LiteralPath $manifestPath -PathType Leaf)) {
        Write-Host "Nothing to uninstall: no manifest at $manifestPath."
        return
    }
    $manifest = Read-Manifest $manifestPath

    foreach ($entry in @($manifest.files)) {
        $present = Test-Path -LiteralPath $entry.path -PathType Leaf
        if ($present -and $entry.PSObject.Properties['sha256'] -and $entry.sha256 -and
            (Get-ContentHash ([System.IO.File]::ReadAllBytes($entry.path))) -ne $entry.sha256) {
            Write-Step 'kept' "$($entry.path) (changed since it was installed)"
            continue
        }
        if ($present) {
            if ($PSCmdlet.ShouldProcess($entry.path, 'Remove file')) {
                Remove-Item -LiteralPath $entry.path -Force
                Write-Step 'removed' $entry.path
            }
        }
        if ($entry.backup -and (Test-Path -LiteralPath $entry.backup -PathType Leaf)) {
            if ($PSCmdlet.ShouldProcess($entry.path, "Restore from $($entry.backup)")) {
                Move-Item -LiteralPath $entry.backup -Destination $entry.path
                Write-Step 'restored' $entry.path
            }
        }
    }
    foreach ($entry in @($manifest.pathEntries)) {
        Remove-PathEntry $entry
    }
    if ($PSCmdlet.ShouldProcess($manifestPath, 'Remove install manifest')) {
        Remove-Item -LiteralPath $manifestPath -Force
        Write-Step 'removed' $manifestPath
    }

    $folders = @($manifest.directories) | Sort-Object { $_.Length } -Descending
    foreach ($folder in $folders) {
        if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
            continue
        }
        if (Get-ChildItem -LiteralPath $folder -Force | Select-Object -First 1) {
            Write-Step 'kept' "$folder (it holds files this script did not install)"
            continue
        }
        if ($PSCmdlet.ShouldProcess($folder, 'Remove folder')) {
            Remove-Item -LiteralPath $folder -Force
            Write-Step 'removed' $folder
        }
    }
    Write-Host ''
    Write-Host 'WinRM tools uninstalled.'
}

$tshark = Find-Tshark
if (-not $tshark) {
    $hint = if ($script:OnWindows) { 'https://www.wireshark.org/download.html' }
        elseif ($script:OnMac) { 'https://www.wireshark.org/download.html or brew install --cask wireshark' }
        else { 'your package manager (for example: sudo apt install tshark)' }
    Write-Error -Category ObjectNotFound -ErrorAction Continue -Message (
        "No Wireshark found: tshark is not on PATH nor in the usual install folders. " +
        "Install Wireshark with TShark ($hint), or pass -TsharkPath.")
    exit 2
}

$wireshark = Get-WiresharkInfo $tshark
$targets = Resolve-Targets $wireshark
Write-Host "Wireshark $($wireshark.Version): $tshark"
if ($Uninstall) {
    Uninstall-All $targets
}
else {
    Install-All $targets $wireshark
}
