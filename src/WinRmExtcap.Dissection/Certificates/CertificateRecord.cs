using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// One distinct certificate seen on the wire: its DER bytes, its hashes, and the fields the
/// platform decoded from it. A certificate the platform cannot decode is still a record, with
/// <see cref="DecodeError"/> saying why and the decoded fields null.
/// </summary>
public sealed record CertificateRecord
{
    private CertificateRecord(byte[] der, Thumbprint thumbprint, string sha256)
    {
        Der = der;
        Thumbprint = thumbprint;
        Sha256 = sha256;
    }

    /// <summary>The certificate exactly as it was carried in the Certificate message.</summary>
    public byte[] Der { get; }

    public Thumbprint Thumbprint { get; }

    /// <summary>SHA-256 of the DER bytes, 64 upper-case hex digits.</summary>
    public string Sha256 { get; }

    public string? Subject { get; private init; }

    public string? Issuer { get; private init; }

    /// <summary>Serial number as upper-case hex, most significant byte first.</summary>
    public string? SerialNumber { get; private init; }

    public DateTimeOffset? NotBefore { get; private init; }

    public DateTimeOffset? NotAfter { get; private init; }

    /// <summary>Why the platform could not decode the certificate; null when it could.</summary>
    public string? DecodeError { get; private init; }

    public bool IsDecoded => DecodeError is null;

    /// <summary>
    /// Hashes and decodes <paramref name="der"/>. Never throws for malformed certificates: the
    /// decoding failure is kept in <see cref="DecodeError"/>.
    /// </summary>
    public static CertificateRecord FromDer(byte[] der)
    {
        ArgumentNullException.ThrowIfNull(der);
        var thumbprint = Thumbprint.Of(der);
        var sha256 = Convert.ToHexString(SHA256.HashData(der));

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            return new CertificateRecord(der, thumbprint, sha256)
            {
                Subject = certificate.Subject,
                Issuer = certificate.Issuer,
                SerialNumber = certificate.SerialNumber,
                NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
                NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            };
        }
        catch (CryptographicException e)
        {
            return new CertificateRecord(der, thumbprint, sha256) { DecodeError = e.Message };
        }
    }

    /// <summary>Loads the certificate for deeper inspection; null when it is undecodable.</summary>
    public X509Certificate2? TryLoad()
    {
        if (!IsDecoded)
        {
            return null;
        }
        try
        {
            return X509CertificateLoader.LoadCertificate(Der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
