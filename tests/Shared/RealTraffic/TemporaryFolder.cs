using System.Collections.Concurrent;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A uniquely named folder under the system temporary folder, deleted with everything in it on
/// <see cref="Dispose"/>, or when the test process exits if nobody disposed it.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    private static readonly ConcurrentDictionary<string, byte> Undeleted = CreateRegistry();

    /// <summary>Creates a new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public TemporaryFolder(string prefix = "winrm-real-traffic")
    {
        FullPath = Directory.CreateTempSubdirectory(prefix + "-").FullName;
        Undeleted.TryAdd(FullPath, 0);
    }

    /// <summary>The absolute path of the folder.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of <paramref name="fileName"/> inside the folder.</summary>
    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    /// <summary>Deletes the folder; a folder that is already gone is not an error.</summary>
    public void Dispose()
    {
        Delete(FullPath);
        Undeleted.TryRemove(FullPath, out _);
    }

    private static ConcurrentDictionary<string, byte> CreateRegistry()
    {
        var registry = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (string path in registry.Keys)
            {
                Delete(path);
            }
        };
        return registry;
    }

    private static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already deleted.
        }
    }
}
