using System.Net;
using System.Security.Cryptography;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// What a test certificate should contain. The defaults describe a valid RSA-2048, SHA-256 server
/// certificate for <c>CN=winrm01.contoso.test</c>, valid from a day ago to a year ahead.
/// </summary>
public sealed record CertificateSpec
{
    /// <summary>The subject distinguished name, for example <c>CN=winrm01.contoso.test</c>.</summary>
    public string Subject { get; init; } = "CN=winrm01.contoso.test";

    /// <summary>DNS names for the subject alternative name extension.</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = ["winrm01.contoso.test"];

    /// <summary>IP addresses for the subject alternative name extension.</summary>
    public IReadOnlyList<IPAddress> IpAddresses { get; init; } = [];

    /// <summary>The extended key usages; ignored for a certificate authority.</summary>
    public CertificateUsage Usage { get; init; } = CertificateUsage.ServerAuthentication;

    /// <summary>The key algorithm and size.</summary>
    public CertificateKeyAlgorithm KeyAlgorithm { get; init; } = CertificateKeyAlgorithm.Rsa2048;

    /// <summary>The hash of the issuer's signature: SHA-256 by default, SHA-1 for legacy cases.</summary>
    public HashAlgorithmName SignatureHash { get; init; } = HashAlgorithmName.SHA256;

    /// <summary>Start of validity; may lie in the future for a not-yet-valid certificate.</summary>
    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddDays(-1);

    /// <summary>End of validity; may lie in the past for an expired certificate.</summary>
    public DateTimeOffset NotAfter { get; init; } = DateTimeOffset.UtcNow.AddYears(1);

    /// <summary>True for a root or intermediate certificate authority (basic constraints CA=true).</summary>
    public bool IsCertificateAuthority { get; init; }

    /// <summary>
    /// A certificate authority named <paramref name="subject"/>, valid from five years ago to nine years ahead.
    /// </summary>
    public static CertificateSpec Authority(string subject) => new()
    {
        Subject = subject,
        DnsNames = [],
        Usage = CertificateUsage.None,
        IsCertificateAuthority = true,
        NotBefore = DateTimeOffset.UtcNow.AddYears(-5),
        NotAfter = DateTimeOffset.UtcNow.AddYears(9),
    };

    /// <summary>A server certificate for <paramref name="hostName"/> with that name as CN and DNS SAN.</summary>
    public static CertificateSpec Server(string hostName) => new()
    {
        Subject = "CN=" + hostName,
        DnsNames = [hostName],
    };

    /// <summary>A client-authentication certificate for the user <paramref name="userName"/>.</summary>
    public static CertificateSpec Client(string userName) => new()
    {
        Subject = "CN=" + userName,
        DnsNames = [],
        Usage = CertificateUsage.ClientAuthentication,
    };
}
