using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace Installation.Tests.Support;

/// <summary>
/// One real run of install.ps1 under PowerShell 7 into a temporary HOME, publishing winrm-extcap
/// and winrm-certs with dotnet publish (done once per test class: publishing is slow). Other
/// installs in the class reuse what it published through -PublishedFolder.
/// </summary>
public sealed class PublishedInstallation : IDisposable
{
    private const int InstallTimeoutMs = 300_000;
    private const int ScriptTimeoutMs = 120_000;

    private readonly TemporaryFolder root = new("winrm-install");
    private readonly SemaphoreSlim gate = new(1, 1);
    private ProcessRunner.Result? result;

    public string Home => Path.Combine(root.FullPath, "home");

    public string PublishedFolder => Path.Combine(root.FullPath, "published");

    public static string ExtcapFolder(string home) => Path.Combine(home, ".config", "wireshark", "extcap");

    public static string ProgramFolder(string home) => Path.Combine(home, ".local", "share", "winrm-extcap");

    /// <summary>The result of the publishing install; run on first use.</summary>
    public async Task<ProcessRunner.Result> InstallAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (result is null)
            {
                Directory.CreateDirectory(Home);
                result = await Task.Run(() => RunScript(Home, [], InstallTimeoutMs));
                if (result.ExitCode == 0)
                {
                    CopyFolder(Path.Combine(ExtcapFolder(Home), "winrm-extcap"),
                        Path.Combine(PublishedFolder, "winrm-extcap"));
                    CopyFolder(Path.Combine(ProgramFolder(Home), "winrm-certs"),
                        Path.Combine(PublishedFolder, "winrm-certs"));
                }
            }
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs install.ps1 with <paramref name="arguments"/> for a user whose HOME is
    /// <paramref name="home"/>.</summary>
    public static ProcessRunner.Result RunScript(
        string home,
        IEnumerable<string> arguments,
        int timeoutMs = ScriptTimeoutMs)
    {
        string realHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var environment = new Dictionary<string, string>(IsolatedTshark.Environment(home))
        {
            // dotnet publish keeps using the machine's package cache and SDK state.
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(realHome, ".nuget", "packages"),
            ["DOTNET_CLI_HOME"] = realHome,
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["POWERSHELL_TELEMETRY_OPTOUT"] = "1",
        };
        string script = Path.Combine(RepositoryPaths.Root, "install.ps1");
        return ProcessRunner.Run("pwsh", ["-NoProfile", "-NonInteractive", "-File", script, .. arguments],
            timeoutMs: timeoutMs, environment: environment);
    }

    public void Dispose()
    {
        root.Dispose();
        gate.Dispose();
    }

    private static void CopyFolder(string source, string destination)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!); // a file path always has a folder
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }
    }
}
