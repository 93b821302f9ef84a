using System.Security.Cryptography;

namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// What a TLS 1.3 cipher suite fixes for record protection (RFC 8446 section 7.3 and
/// appendix B.4): the HKDF hash and the AEAD with its key and tag lengths.
/// </summary>
/// <param name="Hash">The hash used by HKDF and therefore by the traffic secrets.</param>
/// <param name="HashLength">The hash output length in bytes, which is also the secret length.</param>
/// <param name="Aead">The record protection algorithm.</param>
/// <param name="KeyLength">The AEAD key length in bytes.</param>
/// <param name="TagLength">The AEAD authentication tag length in bytes.</param>
public readonly record struct Tls13CipherSuiteParameters(
    HashAlgorithmName Hash,
    int HashLength,
    Tls13AeadAlgorithm Aead,
    int KeyLength,
    int TagLength);
