namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>A uniquely named folder under the system temporary folder, deleted with everything in it.</summary>
public sealed class TemporaryFolder : IDisposable
{
    /// <summary>Creates a new empty folder whose name starts with <paramref name="prefix"/>.</summary>
    public TemporaryFolder(string prefix = "winrm-real-traffic")
    {
        FullPath = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    /// <summary>The absolute path of the folder.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of <paramref name="fileName"/> inside the folder.</summary>
    public string PathOf(string fileName) => Path.Combine(FullPath, fileName);

    /// <summary>Deletes the folder; a folder that is already gone is not an error.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(FullPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already deleted.
        }
    }
}
