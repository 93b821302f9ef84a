using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Certificates;

/// <summary>
/// The folder certificates are saved to, one DER file per distinct certificate, named
/// <c>THUMBPRINT.cer</c> and never from subject text.
/// </summary>
internal sealed class CertificateFolder(string path)
{
    private const string Extension = ".cer";

    public string Path { get; } = path;

    /// <summary>The file a certificate is saved to.</summary>
    public string FileOf(CertificateRecord certificate) =>
        System.IO.Path.Combine(Path, certificate.Thumbprint.Hex + Extension);

    /// <summary>
    /// Saves <paramref name="certificate"/> unless its file exists already (same thumbprint, same
    /// bytes). Returns false with the reason when the folder or the file cannot be written.
    /// </summary>
    public bool TrySave(CertificateRecord certificate, out string? error)
    {
        var file = FileOf(certificate);
        try
        {
            Directory.CreateDirectory(Path);
            if (!File.Exists(file))
            {
                File.WriteAllBytes(file, certificate.Der);
            }
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or NotSupportedException)
        {
            error = e.Message;
            return false;
        }
    }
}
