namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>The AEAD algorithms named by the TLS 1.3 cipher suites (RFC 8446 appendix B.4).</summary>
public enum Tls13AeadAlgorithm : byte
{
    /// <summary>AES in Galois/Counter Mode (RFC 5116 section 5.1 and 5.2).</summary>
    AesGcm = 1,

    /// <summary>ChaCha20 with the Poly1305 authenticator (RFC 8439).</summary>
    ChaCha20Poly1305 = 2,

    /// <summary>AES in Counter with CBC-MAC mode (RFC 5116 section 5.3, RFC 6655).</summary>
    AesCcm = 3,
}
