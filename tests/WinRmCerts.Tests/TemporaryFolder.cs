namespace WinRmCerts.Tests;

/// <summary>
/// A fresh folder under the system temp folder, deleted on dispose. Same members as the
/// real-traffic helpers' folder (<see cref="FullPath"/>, <see cref="PathOf"/>), so tests in this
/// project can use either name.
/// </summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix = "winrm-certs-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string FullPath => Path;

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
