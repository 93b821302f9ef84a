using System.Security.Cryptography;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Writes certificates into one folder, each as <c>THUMBPRINT.cer</c> (DER) or <c>.pem</c>. File
/// names come only from the thumbprint, never from certificate text, so nothing can escape the
/// folder. Each file is written to a temporary name in the same folder and then renamed, so a
/// reader never sees half a certificate.
/// </summary>
public sealed class CertificateFileWriter
{
    private readonly string _folder;
    private readonly CertificateFileFormat _format;

    /// <summary>Creates the folder if needed (IO errors surface to the caller).</summary>
    public CertificateFileWriter(string folder, CertificateFileFormat format)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        _folder = Path.GetFullPath(folder);
        _format = format;
        Directory.CreateDirectory(_folder);
    }

    public string Folder => _folder;

    /// <summary>
    /// Writes and removes a probe file, so that a folder that cannot take files fails once, before
    /// any capture is read. IO errors surface to the caller.
    /// </summary>
    public void CheckWritable()
    {
        var probe = Path.Combine(_folder, $".write-check.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(probe, []);
        File.Delete(probe);
    }

    /// <summary>The path the certificate is (or would be) written to.</summary>
    public string PathOf(CertificateRecord certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = _format == CertificateFileFormat.Pem ? ".pem" : ".cer";
        return Path.Combine(_folder, certificate.Thumbprint.Hex + extension);
    }

    /// <summary>
    /// Writes the certificate unless a file with the same bytes is already there. Returns true
    /// when it wrote. IO errors surface to the caller.
    /// </summary>
    public bool Write(CertificateRecord certificate)
    {
        var path = PathOf(certificate);
        var bytes = _format == CertificateFileFormat.Pem
            ? System.Text.Encoding.ASCII.GetBytes(PemEncoding.WriteString("CERTIFICATE", certificate.Der) + "\n")
            : certificate.Der;
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        var temporary = Path.Combine(_folder, $".{certificate.Thumbprint.Hex}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
        return true;
    }
}
