using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// What a reader of a report wants to know about a certificate beyond its hashes and dates:
/// names, key, signature, intended use, and whether it signed itself. Decoded by the platform.
/// </summary>
public sealed record CertificateDetails
{
    /// <summary>RSA keys shorter than this are flagged as weak (NIST SP 800-131A).</summary>
    public const int MinimumRsaKeyBits = 2048;

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string DsaOid = "1.2.840.10040.4.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";

    /// <summary>Named curves by OID, as NIST and RFC 5480 name them.</summary>
    private static readonly Dictionary<string, string> CurveNames = new()
    {
        ["1.2.840.10045.3.1.7"] = "P-256",
        ["1.3.132.0.34"] = "P-384",
        ["1.3.132.0.35"] = "P-521",
    };

    /// <summary>Signature algorithms that hash with SHA-1 (RSA PKCS#1, ECDSA, DSA).</summary>
    private static readonly HashSet<string> Sha1SignatureOids =
    [
        "1.2.840.113549.1.1.5", "1.2.840.10045.4.1", "1.2.840.10040.4.3", "1.3.14.3.2.29",
    ];

    /// <summary>The subject's common name, or null.</summary>
    public string? CommonName { get; init; }

    /// <summary>DNS names of the subject alternative name extension, in certificate order.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP addresses of the subject alternative name extension, as text.</summary>
    public IReadOnlyList<string> IpAddresses { get; init; } = [];

    /// <summary>RSA, ECDSA, DSA, Ed25519, Ed448, or the key algorithm's OID.</summary>
    public required string KeyAlgorithm { get; init; }

    /// <summary>Key size in bits (the modulus for RSA, the curve order size for ECDSA); 0 when unknown.</summary>
    public int KeySizeBits { get; init; }

    /// <summary>The named curve of an ECDSA key (P-256, P-384, P-521, else the platform's name), or null.</summary>
    public string? Curve { get; init; }

    /// <summary>The signature algorithm as Windows names it (sha256RSA, sha384ECDSA, ...), or its OID.</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>True when the issuer's signature hashes with SHA-1, which clients no longer trust.</summary>
    public bool SignatureUsesSha1 { get; init; }

    /// <summary>True for an RSA key under <see cref="MinimumRsaKeyBits"/> bits.</summary>
    public bool WeakRsaKey { get; init; }

    public ServerAuthenticationUsage ServerAuthentication { get; init; }

    /// <summary>True when basic constraints say this is a certificate authority.</summary>
    public bool IsCertificateAuthority { get; init; }

    /// <summary>True when its own key verifies its signature; null when that could not be checked.</summary>
    public bool? IsSelfSigned { get; init; }

    /// <summary>Reads the details of a decodable certificate; null for one the platform cannot decode.</summary>
    public static CertificateDetails? Of(CertificateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var certificate = record.TryLoad();
        if (certificate is null)
        {
            return null;
        }

        try
        {
            var (keyAlgorithm, keySize, curve) = DescribeKey(certificate);
            var signatureOid = certificate.SignatureAlgorithm.Value ?? string.Empty;
            var subjectAlternativeName = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
                .FirstOrDefault();
            var commonName = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
            return new CertificateDetails
            {
                CommonName = string.IsNullOrEmpty(commonName) ? null : commonName,
                DnsNames = subjectAlternativeName?.EnumerateDnsNames().ToArray() ?? [],
                IpAddresses = subjectAlternativeName?.EnumerateIPAddresses().Select(a => a.ToString()).ToArray() ?? [],
                KeyAlgorithm = keyAlgorithm,
                KeySizeBits = keySize,
                Curve = curve,
                SignatureAlgorithm = certificate.SignatureAlgorithm.FriendlyName ?? signatureOid,
                SignatureUsesSha1 = Sha1SignatureOids.Contains(signatureOid),
                WeakRsaKey = keyAlgorithm == "RSA" && keySize is > 0 and < MinimumRsaKeyBits,
                ServerAuthentication = ServerUsage(certificate),
                IsCertificateAuthority = certificate.Extensions.OfType<X509BasicConstraintsExtension>()
                    .Any(constraints => constraints.CertificateAuthority),
                IsSelfSigned = SelfSignature.Verify(certificate),
            };
        }
        catch (CryptographicException)
        {
            // A certificate whose header decodes but whose extensions or key do not.
            return null;
        }
    }

    private static (string Algorithm, int KeySizeBits, string? Curve) DescribeKey(X509Certificate2 certificate)
    {
        var oid = certificate.PublicKey.Oid.Value ?? string.Empty;
        switch (oid)
        {
            case RsaOid:
            {
                using var rsa = certificate.GetRSAPublicKey();
                return ("RSA", rsa?.KeySize ?? 0, null);
            }
            case EcPublicKeyOid:
            {
                using var ecdsa = certificate.GetECDsaPublicKey();
                var curve = ecdsa?.ExportParameters(includePrivateParameters: false).Curve.Oid;
                var curveName = curve?.Value is { } curveOid && CurveNames.TryGetValue(curveOid, out var known)
                    ? known
                    : curve?.FriendlyName ?? curve?.Value;
                return ("ECDSA", ecdsa?.KeySize ?? 0, curveName);
            }
            case DsaOid:
                return ("DSA", 0, null);
            case Ed25519Oid:
                return ("Ed25519", 256, null);
            case Ed448Oid:
                return ("Ed448", 456, null);
            default:
                return (oid, 0, null);
        }
    }

    private static ServerAuthenticationUsage ServerUsage(X509Certificate2 certificate)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        if (usages is null)
        {
            return ServerAuthenticationUsage.AnyPurpose;
        }
        return usages.EnhancedKeyUsages.Cast<Oid>().Any(usage => usage.Value == ServerAuthenticationOid)
            ? ServerAuthenticationUsage.Listed
            : ServerAuthenticationUsage.NotListed;
    }
}
