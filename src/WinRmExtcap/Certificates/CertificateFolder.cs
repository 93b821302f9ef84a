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
    /// Creates the folder and writes and removes a probe file, so that a folder that cannot take
    /// certificates is reported once, before the capture starts. Returns the reason, or null.
    /// </summary>
    public string? CheckWritable()
    {
        try
        {
            Directory.CreateDirectory(Path);
            var probe = System.IO.Path.Combine(Path, $".write-check.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException
            or NotSupportedException)
        {
            return e.Message;
        }
    }

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
