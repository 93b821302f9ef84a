using System.Security.Cryptography.X509Certificates;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A certificate made for a test, with its private key, and the PEM files openssl reads: the
/// certificate, the key, and the chain (this certificate followed by its issuers, root excluded).
/// </summary>
public sealed class TestCertificate : IDisposable
{
    internal TestCertificate(
        X509Certificate2 certificate,
        TestCertificate? issuer,
        string certificatePath,
        string keyPath,
        string chainPath)
    {
        Certificate = certificate;
        Issuer = issuer;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        ChainPath = chainPath;
    }

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The issuing certificate, or null for a self-signed one.</summary>
    public TestCertificate? Issuer { get; }

    /// <summary>The DER encoding, exactly the bytes a TLS Certificate message carries.</summary>
    public byte[] Der => Certificate.RawData;

    /// <summary>The DER bytes as lower-case hex without separators, as tshark prints them.</summary>
    public string DerHex => Convert.ToHexStringLower(Der);

    /// <summary>SHA-1 of the DER bytes as 40 upper-case hex digits, as Windows shows it.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>The subject distinguished name.</summary>
    public string Subject => Certificate.Subject;

    /// <summary>PEM file holding the certificate alone.</summary>
    public string CertificatePath { get; }

    /// <summary>PEM file holding the unencrypted PKCS#8 private key.</summary>
    public string KeyPath { get; }

    /// <summary>
    /// PEM file holding the intermediate issuers (for <c>-cert_chain</c>); empty when there are none.
    /// </summary>
    public string ChainPath { get; }

    /// <summary>
    /// The chain a server sends: this certificate, then every issuer up to but not including the
    /// self-signed root.
    /// </summary>
    public IReadOnlyList<TestCertificate> SentChain
    {
        get
        {
            var chain = new List<TestCertificate> { this };
            for (TestCertificate? issuer = Issuer; issuer?.Issuer is not null; issuer = issuer.Issuer)
            {
                chain.Add(issuer);
            }
            return chain;
        }
    }

    /// <summary>The self-signed certificate at the top of this certificate's chain.</summary>
    public TestCertificate Root
    {
        get
        {
            TestCertificate root = this;
            while (root.Issuer is not null)
            {
                root = root.Issuer;
            }
            return root;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Subject} {Thumbprint}";

    /// <summary>Releases the certificate's key handle; the PEM files are owned by the factory's folder.</summary>
    public void Dispose() => Certificate.Dispose();
}
