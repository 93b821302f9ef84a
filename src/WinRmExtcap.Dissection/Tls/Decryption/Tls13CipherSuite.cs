using System.Security.Cryptography;

namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// The TLS 1.3 cipher suite code points (RFC 8446 appendix B.4) and what each fixes for record
/// protection.
/// </summary>
public static class Tls13CipherSuite
{
    /// <summary>TLS_AES_128_GCM_SHA256.</summary>
    public const ushort Aes128GcmSha256 = 0x1301;

    /// <summary>TLS_AES_256_GCM_SHA384.</summary>
    public const ushort Aes256GcmSha384 = 0x1302;

    /// <summary>TLS_CHACHA20_POLY1305_SHA256.</summary>
    public const ushort ChaCha20Poly1305Sha256 = 0x1303;

    /// <summary>TLS_AES_128_CCM_SHA256.</summary>
    public const ushort Aes128CcmSha256 = 0x1304;

    /// <summary>TLS_AES_128_CCM_8_SHA256.</summary>
    public const ushort Aes128Ccm8Sha256 = 0x1305;

    private const int Sha256Length = 32;
    private const int Sha384Length = 48;
    private const int Aes128KeyLength = 16;
    private const int Aes256KeyLength = 32;
    private const int ChaCha20KeyLength = 32;
    private const int FullTagLength = 16;
    private const int ShortCcmTagLength = 8;

    /// <summary>
    /// Looks up a cipher suite from a ServerHello. Returns false for any code point that is not
    /// a TLS 1.3 suite (RFC 8446 appendix B.4), including every TLS 1.2 suite.
    /// </summary>
    public static bool TryGetParameters(
        ushort cipherSuite,
        out Tls13CipherSuiteParameters parameters)
    {
        parameters = cipherSuite switch
        {
            Aes128GcmSha256 => new(HashAlgorithmName.SHA256, Sha256Length,
                Tls13AeadAlgorithm.AesGcm, Aes128KeyLength, FullTagLength),
            Aes256GcmSha384 => new(HashAlgorithmName.SHA384, Sha384Length,
                Tls13AeadAlgorithm.AesGcm, Aes256KeyLength, FullTagLength),
            ChaCha20Poly1305Sha256 => new(HashAlgorithmName.SHA256, Sha256Length,
                Tls13AeadAlgorithm.ChaCha20Poly1305, ChaCha20KeyLength, FullTagLength),
            Aes128CcmSha256 => new(HashAlgorithmName.SHA256, Sha256Length,
                Tls13AeadAlgorithm.AesCcm, Aes128KeyLength, FullTagLength),
            Aes128Ccm8Sha256 => new(HashAlgorithmName.SHA256, Sha256Length,
                Tls13AeadAlgorithm.AesCcm, Aes128KeyLength, ShortCcmTagLength),
            _ => default,
        };
        return parameters.HashLength != 0;
    }
}
