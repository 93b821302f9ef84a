using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// Decides whether a certificate is self-signed by checking its signature against its own public
/// key, not by comparing the subject with the issuer (two certificates can share a name).
/// </summary>
public static class SelfSignature
{
    private const string RsaPssOid = "1.2.840.113549.1.1.10";

    private static readonly Dictionary<string, HashAlgorithmName> RsaPkcs1Signatures = new()
    {
        ["1.2.840.113549.1.1.4"] = HashAlgorithmName.MD5,
        ["1.2.840.113549.1.1.5"] = HashAlgorithmName.SHA1,
        ["1.2.840.113549.1.1.11"] = HashAlgorithmName.SHA256,
        ["1.2.840.113549.1.1.12"] = HashAlgorithmName.SHA384,
        ["1.2.840.113549.1.1.13"] = HashAlgorithmName.SHA512,
    };

    private static readonly Dictionary<string, HashAlgorithmName> EcdsaSignatures = new()
    {
        ["1.2.840.10045.4.1"] = HashAlgorithmName.SHA1,
        ["1.2.840.10045.4.3.2"] = HashAlgorithmName.SHA256,
        ["1.2.840.10045.4.3.3"] = HashAlgorithmName.SHA384,
        ["1.2.840.10045.4.3.4"] = HashAlgorithmName.SHA512,
    };

    private static readonly HashAlgorithmName[] PssHashes =
        [HashAlgorithmName.SHA256, HashAlgorithmName.SHA384, HashAlgorithmName.SHA512];

    /// <summary>
    /// True when the certificate's own key verifies its signature, false when it does not, null
    /// when the signature algorithm or key type is one this check does not handle (DSA, EdDSA) or
    /// the DER cannot be split into its parts.
    /// </summary>
    public static bool? Verify(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!TrySplit(certificate.RawData, out var signedPart, out var algorithm, out var signature))
        {
            return null;
        }

        try
        {
            if (RsaPkcs1Signatures.TryGetValue(algorithm, out var rsaHash) || algorithm == RsaPssOid)
            {
                using var rsa = certificate.GetRSAPublicKey();
                if (rsa is null)
                {
                    return false;
                }
                return algorithm == RsaPssOid
                    ? PssHashes.Any(hash => rsa.VerifyData(signedPart, signature, hash, RSASignaturePadding.Pss))
                    : rsa.VerifyData(signedPart, signature, rsaHash, RSASignaturePadding.Pkcs1);
            }
            if (EcdsaSignatures.TryGetValue(algorithm, out var ecdsaHash))
            {
                using var ecdsa = certificate.GetECDsaPublicKey();
                return ecdsa is not null && ecdsa.VerifyData(
                    signedPart, signature, ecdsaHash, DSASignatureFormat.Rfc3279DerSequence);
            }
            return null;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// RFC 5280 section 4.1: Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm
    /// AlgorithmIdentifier, signatureValue BIT STRING }. The signed part is the whole encoded
    /// tbsCertificate, tag and length included.
    /// </summary>
    private static bool TrySplit(byte[] der, out byte[] signedPart, out string algorithm, out byte[] signature)
    {
        signedPart = [];
        algorithm = string.Empty;
        signature = [];
        try
        {
            var certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            signedPart = certificate.ReadEncodedValue().ToArray();
            var algorithmIdentifier = certificate.ReadSequence();
            algorithm = algorithmIdentifier.ReadObjectIdentifier();
            signature = certificate.ReadBitString(out _);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
