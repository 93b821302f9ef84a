using System.Net;
using System.Security.Cryptography;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Report;

/// <summary>What <c>report</c> says about a certificate's names, key, signature, usage and self-signature.</summary>
public sealed class CertificateDetailsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void Of_ServerCertificate_ReadsNamesKeySignatureAndUsage()
    {
        var spec = CertificateSpec.Server("winrm01.contoso.test") with
        {
            IpAddresses = [IPAddress.Parse("192.0.2.21")],
        };
        var issuer = _certificates.Create(CertificateSpec.Authority("CN=Contoso Test CA"));

        var details = DetailsOf(_certificates.Create(spec, issuer));

        Assert.Equal(["winrm01.contoso.test"], details.DnsNames);
        Assert.Equal(["192.0.2.21"], details.IpAddresses);
        Assert.Equal(("RSA", 2048), (details.KeyAlgorithm, details.KeySizeBits));
        Assert.Equal("sha256RSA", details.SignatureAlgorithm);
        Assert.False(details.SignatureUsesSha1);
        Assert.False(details.WeakRsaKey);
        Assert.Equal(ServerAuthenticationUsage.Listed, details.ServerAuthentication);
        Assert.False(details.IsSelfSigned);
        Assert.False(details.IsCertificateAuthority);
    }

    [Fact]
    public void Of_SelfSignedCertificate_IsSelfSignedBySignature()
    {
        var details = DetailsOf(_certificates.Create(CertificateSpec.Server("winrm01.contoso.test")));

        Assert.True(details.IsSelfSigned);
    }

    [Fact]
    public void Of_SubjectEqualsIssuerButAnotherKeySigned_IsNotSelfSigned()
    {
        var issuer = _certificates.Create(CertificateSpec.Authority("CN=winrm01.contoso.test"));

        var details = DetailsOf(_certificates.Create(CertificateSpec.Server("winrm01.contoso.test"), issuer));

        Assert.False(details.IsSelfSigned);
    }

    [Fact]
    public void Of_SelfSignedEcdsa_VerifiesAndNamesTheCurve()
    {
        var spec = CertificateSpec.Server("winrm01.contoso.test") with
        {
            KeyAlgorithm = CertificateKeyAlgorithm.EcdsaP256,
        };

        var details = DetailsOf(_certificates.Create(spec));

        Assert.Equal(("ECDSA", 256), (details.KeyAlgorithm, details.KeySizeBits));
        Assert.Equal("P-256", details.Curve);
        Assert.Equal("sha256ECDSA", details.SignatureAlgorithm);
        Assert.True(details.IsSelfSigned);
    }

    [Fact]
    public void Of_ShortRsaKey_IsFlaggedWeak()
    {
        var spec = CertificateSpec.Server("winrm01.contoso.test") with
        {
            KeyAlgorithm = CertificateKeyAlgorithm.Rsa1024,
        };

        var details = DetailsOf(_certificates.Create(spec));

        Assert.True(details.WeakRsaKey);
        Assert.Equal(1024, details.KeySizeBits);
        Assert.True(details.IsSelfSigned);
    }

    /// <summary>.NET refuses to sign with SHA-1, so openssl makes the legacy certificate.</summary>
    [RequiresFact("openssl")]
    public void Of_Sha1SignedByOpenssl_IsFlaggedAndStillVerifiesAsSelfSigned()
    {
        using var folder = new WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder("winrm-sha1");
        var der = folder.PathOf("legacy.cer");
        var result = ProcessRunner.Run("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha1", "-days", "30",
                "-subj", "/CN=winrm01.contoso.test", "-keyout", folder.PathOf("legacy.key"),
                "-outform", "DER", "-out", der]);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var details = CertificateDetails.Of(CertificateRecord.FromDer(File.ReadAllBytes(der)));

        Assert.NotNull(details);
        Assert.True(details.SignatureUsesSha1);
        Assert.Equal("sha1RSA", details.SignatureAlgorithm);
        Assert.True(details.IsSelfSigned);
    }

    [Fact]
    public void Of_ClientOnlyUsage_LacksServerAuthentication()
    {
        var details = DetailsOf(_certificates.Create(CertificateSpec.Client("operator")));

        Assert.Equal(ServerAuthenticationUsage.NotListed, details.ServerAuthentication);
    }

    [Fact]
    public void Of_AuthorityWithoutEku_IsAnyPurposeAndAnAuthority()
    {
        var details = DetailsOf(_certificates.Create(CertificateSpec.Authority("CN=Contoso Root")));

        Assert.Equal(ServerAuthenticationUsage.AnyPurpose, details.ServerAuthentication);
        Assert.True(details.IsCertificateAuthority);
    }

    [Fact]
    public void Of_UndecodableBytes_IsNull()
    {
        var record = CertificateRecord.FromDer([0x30, 0x03, 0x02, 0x01, 0x00]);

        Assert.Null(CertificateDetails.Of(record));
    }

    private static CertificateDetails DetailsOf(TestCertificate certificate) =>
        CertificateDetails.Of(CertificateRecord.FromDer(certificate.Der))
            ?? throw new InvalidOperationException("a test certificate must decode");
}
