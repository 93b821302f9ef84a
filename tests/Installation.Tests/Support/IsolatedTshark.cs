using WinRmExtcap.TestSupport;

namespace Installation.Tests.Support;

/// <summary>
/// Runs the real tshark with HOME and XDG_CONFIG_HOME pointing at a folder the test owns, so only
/// the profiles, plugins and extcaps installed there (and Wireshark's global ones) are seen.
/// </summary>
internal static class IsolatedTshark
{
    private const int TimeoutMs = 60_000;

    // tshark's own notice when run as root; not a warning about what the test checks.
    private const string RootNotice = "Running as user \"root\" and group \"root\". This could be dangerous.";

    public static string PluginPath => Path.Combine(RepositoryPaths.Root, "plugins", "winrm-cert.lua");

    public static IDictionary<string, string> Environment(string home) => new Dictionary<string, string>
    {
        ["HOME"] = home,
        ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
        ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
    };

    public static ProcessRunner.Result Run(string home, params string[] arguments) =>
        ProcessRunner.Run("tshark", arguments, timeoutMs: TimeoutMs, environment: Environment(home));

    /// <summary>Standard error without tshark's notice about running as root.</summary>
    public static string Warnings(ProcessRunner.Result result) =>
        string.Join('\n', result.StandardError.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line != RootNotice));

    /// <summary>The lines of standard output, each split on tabs into its fields.</summary>
    public static IReadOnlyList<string[]> Rows(ProcessRunner.Result result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToList();

    /// <summary>The values of one field occurring several times in a packet (tshark joins them with commas).</summary>
    public static string[] Values(string field) =>
        field.Length == 0 ? [] : field.Split(',');
}
