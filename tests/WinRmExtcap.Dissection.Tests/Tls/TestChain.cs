using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WinRmExtcap.Dissection.Tests.Tls;

/// <summary>
/// A three-certificate chain made with <see cref="CertificateRequest"/>: root CA, intermediate CA,
/// and a leaf valid from 2024-01-01T00:00:00Z to 2025-01-01T12:00:00Z. Made once per test run.
/// </summary>
internal static class TestChain
{
    public static readonly DateTimeOffset LeafNotBefore = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LeafNotAfter = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<X509Certificate2[]> Chain = new(() => Make("CN=winrm.example.test"));
    private static readonly Lazy<X509Certificate2> OtherLeafCertificate =
        new(() => Make("CN=winrm.example.test")[0]);

    /// <summary>Leaf, intermediate, root: the order a server sends them in.</summary>
    public static X509Certificate2[] Certificates => Chain.Value;

    public static byte[][] Ders => [.. Certificates.Select(c => c.RawData)];

    public static X509Certificate2 Leaf => Certificates[0];

    /// <summary>A renewed leaf: same subject, other key and serial.</summary>
    public static X509Certificate2 OtherLeaf => OtherLeafCertificate.Value;

    /// <summary>Makes a root, an intermediate and a leaf with <paramref name="leafSubject"/>.</summary>
    public static X509Certificate2[] Make(string leafSubject)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root CA", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(LeafNotBefore.AddYears(-4), LeafNotAfter.AddYears(15));

        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=Test Intermediate CA", intermediateKey,
            HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediatePublic = intermediateRequest.Create(root, LeafNotBefore.AddYears(-3),
            LeafNotAfter.AddYears(10), RandomSerial());
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest(leafSubject, leafKey, HashAlgorithmName.SHA256);
        var leaf = leafRequest.Create(intermediate, LeafNotBefore, LeafNotAfter, RandomSerial());
        return
        [
            X509CertificateLoader.LoadCertificate(leaf.RawData),
            X509CertificateLoader.LoadCertificate(intermediate.RawData),
            X509CertificateLoader.LoadCertificate(root.RawData),
        ];
    }

    private static byte[] RandomSerial() => RandomNumberGenerator.GetBytes(8);
}
