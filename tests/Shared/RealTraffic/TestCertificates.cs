using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// Makes test certificates with the platform's <see cref="CertificateRequest"/>: self-signed or
/// issued by another test certificate, any validity window, RSA or ECDSA keys, SHA-256 or SHA-1
/// signatures. Every certificate's PEM files are written to a temporary folder that disposing deletes.
/// RSA-2048 keys come from a per-process pool: distinct within one factory, reused across factories.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const int SerialNumberLength = 16;
    private const int RsaLegacyKeySize = 1024;
    private const int RsaKeySize = 2048;
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    // RSA-2048 generation takes hundreds of milliseconds; keys are generated once per test process
    // and handed out in order, so within one factory every certificate still has its own key.
    private static readonly List<byte[]> RsaKeyPool = [];
    private static readonly Lock RsaKeyPoolLock = new();

    private readonly TemporaryFolder folder = new("winrm-test-certificates");
    private readonly List<TestCertificate> made = [];
    private int rsaKeysTaken;

    /// <summary>The folder holding every PEM file written so far.</summary>
    public string FolderPath => folder.FullPath;

    /// <summary>
    /// Makes a certificate from <paramref name="spec"/>, signed by <paramref name="issuer"/>'s key,
    /// or self-signed when <paramref name="issuer"/> is null, and writes its PEM files.
    /// </summary>
    /// <remarks>
    /// An authority's validity window is narrowed to fit inside its issuer's, as the platform requires.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// A non-authority's validity window lies outside the issuer's, which the platform refuses to sign.
    /// </exception>
    public TestCertificate Create(CertificateSpec spec, TestCertificate? issuer = null)
    {
        if (spec.IsCertificateAuthority && issuer is not null)
        {
            spec = spec with
            {
                NotBefore = Max(spec.NotBefore, issuer.Certificate.NotBefore.ToUniversalTime()),
                NotAfter = Min(spec.NotAfter, issuer.Certificate.NotAfter.ToUniversalTime()),
            };
        }

        using AsymmetricAlgorithm key = CreateKey(spec.KeyAlgorithm);
        CertificateRequest request = key is RSA rsa
            ? new CertificateRequest(spec.Subject, rsa, spec.SignatureHash, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(spec.Subject, (ECDsa)key, spec.SignatureHash);
        AddExtensions(request, spec, issuer);

        X509Certificate2 certificate;
        if (issuer is null)
        {
            certificate = request.CreateSelfSigned(spec.NotBefore, spec.NotAfter);
        }
        else
        {
            using X509Certificate2 publicOnly = request.Create(
                issuer.Certificate, spec.NotBefore, spec.NotAfter, NewSerialNumber());
            certificate = key is RSA rsaKey
                ? publicOnly.CopyWithPrivateKey(rsaKey)
                : publicOnly.CopyWithPrivateKey((ECDsa)key);
        }

        string baseName = folder.PathOf(certificate.Thumbprint);
        string certificatePath = baseName + ".crt.pem";
        string keyPath = baseName + ".key.pem";
        string chainPath = baseName + ".chain.pem";
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem() + "\n");
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        var result = new TestCertificate(certificate, issuer, certificatePath, keyPath, chainPath);
        File.WriteAllText(chainPath, ToPem(result.SentChain.Skip(1)));
        made.Add(result);
        return result;
    }

    /// <summary>
    /// Makes a root authority, <paramref name="intermediateCount"/> intermediate authorities under
    /// it, and a leaf from <paramref name="leafSpec"/> under the last one. Returns the leaf; its
    /// <see cref="TestCertificate.Issuer"/> links lead to the root.
    /// </summary>
    public TestCertificate CreateChain(CertificateSpec leafSpec, int intermediateCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(intermediateCount);

        TestCertificate issuer = Create(CertificateSpec.Authority("CN=Contoso Test Root CA,O=Contoso"));
        for (int level = 1; level <= intermediateCount; level++)
        {
            issuer = Create(
                CertificateSpec.Authority($"CN=Contoso Test Issuing CA {level},O=Contoso"), issuer);
        }
        return Create(leafSpec, issuer);
    }

    /// <summary>Writes the certificates into one PEM bundle (for <c>-CAfile</c>) and returns its path.</summary>
    public string WriteBundle(string fileName, params TestCertificate[] certificates)
    {
        string path = folder.PathOf(fileName);
        File.WriteAllText(path, ToPem(certificates));
        return path;
    }

    /// <summary>Deletes the PEM files and releases every certificate made.</summary>
    public void Dispose()
    {
        foreach (TestCertificate certificate in made)
        {
            certificate.Dispose();
        }
        folder.Dispose();
    }

    private static DateTimeOffset Max(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;

    private static DateTimeOffset Min(DateTimeOffset first, DateTimeOffset second) => first < second ? first : second;

    private AsymmetricAlgorithm CreateKey(CertificateKeyAlgorithm algorithm) => algorithm switch
    {
        CertificateKeyAlgorithm.Rsa2048 => TakePooledRsaKey(),
        CertificateKeyAlgorithm.Rsa1024 => RSA.Create(RsaLegacyKeySize),
        CertificateKeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm"),
    };

    private RSA TakePooledRsaKey()
    {
        byte[] pkcs8;
        lock (RsaKeyPoolLock)
        {
            if (rsaKeysTaken == RsaKeyPool.Count)
            {
                using var generated = RSA.Create(RsaKeySize);
                RsaKeyPool.Add(generated.ExportPkcs8PrivateKey());
            }
            pkcs8 = RsaKeyPool[rsaKeysTaken++];
        }
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }

    private static void AddExtensions(CertificateRequest request, CertificateSpec spec, TestCertificate? issuer)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(
            spec.IsCertificateAuthority, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        if (issuer is not null)
        {
            request.CertificateExtensions.Add(
                X509AuthorityKeyIdentifierExtension.CreateFromCertificate(
                    issuer.Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        }

        if (spec.IsCertificateAuthority)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
            return;
        }

        X509KeyUsageFlags keyUsage = spec.KeyAlgorithm == CertificateKeyAlgorithm.EcdsaP256
            ? X509KeyUsageFlags.DigitalSignature
            : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, critical: true));

        var usages = new OidCollection();
        if (spec.Usage.HasFlag(CertificateUsage.ServerAuthentication))
        {
            usages.Add(new Oid(ServerAuthenticationOid));
        }
        if (spec.Usage.HasFlag(CertificateUsage.ClientAuthentication))
        {
            usages.Add(new Oid(ClientAuthenticationOid));
        }
        if (usages.Count > 0)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        }

        if (spec.DnsNames.Count > 0 || spec.IpAddresses.Count > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (string dnsName in spec.DnsNames)
            {
                names.AddDnsName(dnsName);
            }
            foreach (System.Net.IPAddress address in spec.IpAddresses)
            {
                names.AddIpAddress(address);
            }
            request.CertificateExtensions.Add(names.Build());
        }
    }

    private static byte[] NewSerialNumber()
    {
        byte[] serial = RandomNumberGenerator.GetBytes(SerialNumberLength);

        // A DER INTEGER with the top bit set would be negative; serial numbers must be positive.
        serial[0] &= 0x7F;
        return serial;
    }

    private static string ToPem(IEnumerable<TestCertificate> certificates)
    {
        var pem = new StringBuilder();
        foreach (TestCertificate certificate in certificates)
        {
            pem.Append(certificate.Certificate.ExportCertificatePem()).Append('\n');
        }
        return pem.ToString();
    }
}
