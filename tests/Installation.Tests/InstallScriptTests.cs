using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Installation.Tests.Support;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace Installation.Tests;

/// <summary>
/// install.ps1 run by the real PowerShell 7 for a user with a temporary HOME, then checked with
/// the real tshark reading that HOME (Wireshark 4.0 layout on this machine).
/// </summary>
public sealed class InstallScriptTests : IClassFixture<PublishedInstallation>, IDisposable
{
    private const string SampleCapture = "zeek/testing/btest/Traces/tls/tls1.2.pcap";

    private readonly PublishedInstallation installation;
    private readonly TemporaryFolder scratch = new("winrm-install-scratch");

    public InstallScriptTests(PublishedInstallation installation)
    {
        this.installation = installation;
    }

    public void Dispose() => scratch.Dispose();

    private static string Sample => Path.Combine(RepositoryPaths.Corpus, SampleCapture);

    [RequiresFact("tshark", "pwsh")]
    public async Task Install_FreshHome_PutsEveryPartWhereWiresharkLooks()
    {
        ProcessRunner.Result result = await installation.InstallAsync();
        string home = installation.Home;
        string extcap = PublishedInstallation.ExtcapFolder(home);
        string profile = Path.Combine(home, ".config", "wireshark", "profiles", "WinRM");

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.True(IsExecutable(Path.Combine(extcap, "winrm-extcap.sh")));
        Assert.True(IsExecutable(Path.Combine(extcap, "winrm-extcap", "winrm-extcap")));
        Assert.True(IsExecutable(Path.Combine(home, ".local", "bin", "winrm-certs")));
        foreach (string file in Directory.GetFiles(ProfileFilters.ProfileFolder))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(profile, Path.GetFileName(file))));
        }
        Assert.Equal(File.ReadAllBytes(IsolatedTshark.PluginPath),
            File.ReadAllBytes(Path.Combine(home, ".local", "lib", "wireshark", "plugins", "winrm-cert.lua")));
        Assert.True(File.Exists(Path.Combine(PublishedInstallation.ProgramFolder(home), "install-manifest.json")));
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task TsharkInterfaceList_AfterInstall_ListsWinRmInterface()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);

        ProcessRunner.Result result = IsolatedTshark.Run(installation.Home, "-D");

        Assert.Matches(new Regex(@"^\d+\. \S+ \(.*WinRM.*\)$", RegexOptions.Multiline | RegexOptions.IgnoreCase),
            result.StandardOutput);
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task TsharkProfile_AfterInstall_LoadsWithoutWarning()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);

        ProcessRunner.Result result = IsolatedTshark.Run(installation.Home, "-C", "WinRM", "-r", Sample);

        Assert.Equal("", IsolatedTshark.Warnings(result));
        Assert.Equal(0, result.ExitCode);
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task InstalledPlugin_WithoutLuaScriptOption_AddsThumbprintOfEveryCertificate()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);

        ProcessRunner.Result result = IsolatedTshark.Run(installation.Home, "-r", Sample, "-Y", "winrm_cert",
            "-T", "fields", "-e", "tls.handshake.certificate", "-e", "winrm_cert.thumbprint");

        string[] fields = Assert.Single(IsolatedTshark.Rows(result));
        Assert.Equal(
            IsolatedTshark.Values(fields[0])
                .Select(der => Convert.ToHexString(SHA1.HashData(Convert.FromHexString(der)))),
            IsolatedTshark.Values(fields[1]));
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task Exporter_LauncherInstalledInLocalBin_Runs()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);

        ProcessRunner.Result result = ProcessRunner.Run(
            Path.Combine(installation.Home, ".local", "bin", "winrm-certs"), ["--help"]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Contains("winrm-certs", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task Uninstall_AfterInstallingTwice_RemovesExactlyWhatItInstalled()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);
        string home = UserHomeWithOwnFiles();
        FolderSnapshot before = FolderSnapshot.Take(home);

        ProcessRunner.Result install = InstallFromPublished(home);
        FolderSnapshot installed = FolderSnapshot.Take(home);
        ProcessRunner.Result reinstall = InstallFromPublished(home);
        FolderSnapshot reinstalled = FolderSnapshot.Take(home);
        ProcessRunner.Result uninstall = PublishedInstallation.RunScript(home, ["-Uninstall"]);
        FolderSnapshot uninstalled = FolderSnapshot.Take(home);
        ProcessRunner.Result uninstallAgain = PublishedInstallation.RunScript(home, ["-Uninstall"]);
        FolderSnapshot uninstalledAgain = FolderSnapshot.Take(home);

        Assert.All(new[] { install, reinstall, uninstall, uninstallAgain },
            run => Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError));
        Assert.Contains("~ .config/wireshark/profiles/WinRM/colorfilters", installed.DifferencesFrom(before));
        Assert.Empty(reinstalled.DifferencesFrom(installed));
        Assert.Empty(uninstalled.DifferencesFrom(before));
        Assert.Empty(uninstalledAgain.DifferencesFrom(uninstalled));
        Assert.Contains("unchanged", reinstall.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("removed", uninstall.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task ReinstallAndUninstall_ProfilePreferencesChangedByUser_KeepsTheUsersFile()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);
        string home = UserHomeWithOwnFiles();
        string preferences = Path.Combine(home, ".config", "wireshark", "profiles", "WinRM", "preferences");
        Assert.Equal(0, InstallFromPublished(home).ExitCode);
        const string UsersPreferences = "# saved by Wireshark after the user changed a column\n";
        File.WriteAllText(preferences, UsersPreferences);

        ProcessRunner.Result reinstall = InstallFromPublished(home);
        string afterReinstall = File.ReadAllText(preferences);
        ProcessRunner.Result uninstall = PublishedInstallation.RunScript(home, ["-Uninstall"]);

        Assert.Equal(0, reinstall.ExitCode);
        Assert.Equal(0, uninstall.ExitCode);
        Assert.Equal(UsersPreferences, afterReinstall);
        Assert.Equal(UsersPreferences, File.ReadAllText(preferences));
        Assert.Contains("changed since it was installed", uninstall.StandardOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(home, ".local", "lib", "wireshark", "plugins", "winrm-cert.lua")));
    }

    [RequiresFact("tshark", "pwsh")]
    public async Task WhatIf_FreshHome_ChangesNothingAndSaysWhatItWouldDo()
    {
        Assert.Equal(0, (await installation.InstallAsync()).ExitCode);
        string home = UserHomeWithOwnFiles();
        FolderSnapshot before = FolderSnapshot.Take(home);

        ProcessRunner.Result result = PublishedInstallation.RunScript(home,
            ["-PublishedFolder", installation.PublishedFolder, "-WhatIf"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(FolderSnapshot.Take(home).DifferencesFrom(before));
        Assert.Contains("What if", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed (-WhatIf)", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("WinRM tools installed", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresFact("pwsh")]
    public void Help_GetHelp_ShowsTheSynopsis()
    {
        ProcessRunner.Result result = ProcessRunner.Run("pwsh",
            ["-NoProfile", "-Command", $"Get-Help '{Path.Combine(RepositoryPaths.Root, "install.ps1")}' -Full"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Installs the WinRM capture interface", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-Uninstall", result.StandardOutput, StringComparison.Ordinal);
    }

    [RequiresFact("pwsh")]
    public void Install_TsharkNotFound_FailsWithClearError()
    {
        string home = UserHomeWithOwnFiles();
        string missing = Path.Combine(scratch.FullPath, "no-wireshark", "tshark");

        ProcessRunner.Result result = PublishedInstallation.RunScript(home, ["-TsharkPath", missing]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("No tshark at", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    private ProcessRunner.Result InstallFromPublished(string home) =>
        PublishedInstallation.RunScript(home, ["-PublishedFolder", installation.PublishedFolder]);

    // A user who already has Wireshark settings, a tool in ~/.local/bin, a Lua plugin and a
    // hand-made WinRM profile colour file: all of it must survive install and uninstall.
    private string UserHomeWithOwnFiles()
    {
        string home = Path.Combine(scratch.FullPath, Guid.NewGuid().ToString("N"));
        WriteFile(home, ".config/wireshark/preferences", "gui.column.format: \"No.\", \"%m\"\n");
        WriteFile(home, ".config/wireshark/profiles/WinRM/colorfilters", "@mine@tcp@[0,0,0][65535,65535,65535]\n");
        WriteFile(home, ".local/bin/other-tool", "#!/bin/sh\n");
        WriteFile(home, ".local/lib/wireshark/plugins/other.lua", "-- someone else's plugin\n");

        // PowerShell makes its cache folders at its first start; let that happen before the snapshot.
        ProcessRunner.Run("pwsh", ["-NoProfile", "-NonInteractive", "-Command", "exit 0"],
            environment: IsolatedTshark.Environment(home));
        return home;
    }

    private static void WriteFile(string home, string relative, string text)
    {
        string path = Path.Combine(home, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a file path always has a folder
        File.WriteAllText(path, text);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path)
        && !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
}
