namespace WinRmExtcap.Dissection.Reporting;

/// <summary>How exported certificates are written.</summary>
public enum CertificateFileFormat : byte
{
    /// <summary>Binary DER in <c>THUMBPRINT.cer</c>, as Windows opens it.</summary>
    Der,

    /// <summary>Base64 PEM in <c>THUMBPRINT.pem</c>.</summary>
    Pem,
}
