using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>
/// A personal Wireshark configuration in a temporary folder, laid out as extcap/README.md tells an
/// installer to: the sh launcher in the extcap folder, and beside it a <c>winrm-extcap</c> folder
/// holding the built program (here a symbolic link to the test's build output). tshark 4.0 scans
/// <c>$XDG_CONFIG_HOME/wireshark/extcap</c>, 4.2 and newer <c>$HOME/.local/lib/wireshark/extcap</c>;
/// both get the launcher. The global extcap folder is replaced by an empty one so only this
/// extcap runs.
/// </summary>
public sealed class TsharkExtcapFolder : IDisposable
{
    private const string Launcher = "winrm-extcap.sh";
    private const string ProgramFolder = "winrm-extcap";

    private readonly TemporaryFolder _root = new("winrm-extcap-tshark");

    public TsharkExtcapFolder()
    {
        var configHome = _root.PathOf("config");
        foreach (var extcapFolder in new[]
        {
            Path.Combine(configHome, "wireshark", "extcap"),
            Path.Combine(_root.FullPath, ".local", "lib", "wireshark", "extcap"),
        })
        {
            Directory.CreateDirectory(extcapFolder);
            var launcher = Path.Combine(extcapFolder, Launcher);
            File.Copy(Path.Combine(RepositoryPaths.Root, "extcap", Launcher), launcher);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead
                    | UnixFileMode.OtherExecute);
            }
            Directory.CreateSymbolicLink(Path.Combine(extcapFolder, ProgramFolder),
                Path.GetDirectoryName(ExtcapProgram.PathOnDisk)!); // The program lives in a folder.
        }
        var globalExtcaps = Directory.CreateDirectory(_root.PathOf("global-extcap")).FullName;

        Environment = new Dictionary<string, string>
        {
            ["HOME"] = _root.FullPath,
            ["XDG_CONFIG_HOME"] = configHome,
            ["WIRESHARK_EXTCAP_DIR"] = globalExtcaps,
        };
    }

    /// <summary>Unique to this fixture: any process whose command line holds it is ours.</summary>
    public string RootPath => _root.FullPath;

    public IDictionary<string, string> Environment { get; }

    public string PathOf(string name) => _root.PathOf(name);

    public ProcessRunner.Result RunTshark(IEnumerable<string> arguments, int timeoutMs = 60_000) =>
        ProcessRunner.Run("tshark", arguments, timeoutMs: timeoutMs, environment: Environment);

    public void Dispose() => _root.Dispose();
}
