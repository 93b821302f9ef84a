namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>A fresh folder under the system temporary folder, deleted with everything in it.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Path = Directory.CreateTempSubdirectory("winrm-capture-").FullName;
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
