namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// The outcome of setting up or applying TLS 1.3 record protection. Only
/// <see cref="Success"/> produces plaintext or a usable protection object.
/// </summary>
public enum DecryptStatus : byte
{
    /// <summary>The record authenticated and its plaintext was produced.</summary>
    Success = 0,

    /// <summary>
    /// The AEAD tag did not verify: the secret does not belong to this connection and
    /// direction, records were skipped or reordered, or the bytes were altered.
    /// </summary>
    AuthenticationFailed = 1,

    /// <summary>
    /// The record cannot be protected TLS 1.3 ciphertext: wrong outer content type, a length
    /// field that disagrees with the payload, a payload shorter than the tag or longer than the
    /// protocol maximum, or an inner plaintext that is all padding.
    /// </summary>
    Malformed = 2,

    /// <summary>The cipher suite is not one of the TLS 1.3 AEAD suites this library knows.</summary>
    UnsupportedCipherSuite = 3,

    /// <summary>
    /// The cipher suite is known but this platform's cryptography does not provide its AEAD
    /// (for example ChaCha20-Poly1305 on a system whose crypto library lacks it).
    /// </summary>
    AlgorithmUnavailable = 4,

    /// <summary>The traffic secret's length does not match the cipher suite's hash length.</summary>
    InvalidSecret = 5,
}
