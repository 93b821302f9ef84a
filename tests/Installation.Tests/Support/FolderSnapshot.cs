using System.Security.Cryptography;

namespace Installation.Tests.Support;

/// <summary>
/// Every folder and file under a root, with each file's SHA-256 and executable bit, so two
/// moments can be compared. PowerShell's own cache and module folders are left out: pwsh writes
/// them at every start.
/// </summary>
internal sealed record FolderSnapshot(IReadOnlyDictionary<string, string> Entries)
{
    private static readonly string[] PowerShellFolders =
    [
        Path.Combine(".cache", "powershell"),
        Path.Combine(".local", "share", "powershell"),
    ];

    public static FolderSnapshot Take(string root)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, path);
            if (PowerShellFolders.Any(folder => relative.StartsWith(folder, StringComparison.Ordinal)))
            {
                continue;
            }
            entries[relative] = Directory.Exists(path) ? "folder" : Describe(path);
        }
        return new FolderSnapshot(entries);
    }

    /// <summary>One line per entry that differs: "+ path" added, "- path" removed, "~ path" changed.</summary>
    public IReadOnlyList<string> DifferencesFrom(FolderSnapshot earlier)
    {
        var differences = new List<string>();
        foreach ((string path, string description) in Entries)
        {
            if (!earlier.Entries.TryGetValue(path, out string? before))
            {
                differences.Add("+ " + path);
            }
            else if (before != description)
            {
                differences.Add("~ " + path);
            }
        }
        differences.AddRange(earlier.Entries.Keys
            .Where(path => !Entries.ContainsKey(path))
            .Select(path => "- " + path));
        return differences;
    }

    private static string Describe(string path)
    {
        string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
        bool executable = !OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;
        return executable ? hash + " +x" : hash;
    }
}
