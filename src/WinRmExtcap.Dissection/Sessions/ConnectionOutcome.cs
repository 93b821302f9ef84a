namespace WinRmExtcap.Dissection.Sessions;

/// <summary>What a TLS connection in the capture says about the server's certificate.</summary>
public enum ConnectionOutcome : byte
{
    /// <summary>The server's Certificate message was read.</summary>
    CertificateSeen,

    /// <summary>TLS 1.3 was negotiated and no key log revealed the encrypted certificate.</summary>
    Tls13CertificateEncrypted,

    /// <summary>An abbreviated (resumed) handshake: no certificate is sent.</summary>
    ResumedNoCertificate,

    /// <summary>The handshake ended with an alert or a reset before it completed.</summary>
    HandshakeFailed,

    /// <summary>The certificate was sent but the capture lost part of it (snap length, missing segments).</summary>
    CertificateLostToCapture,

    /// <summary>The capture holds too little of the handshake to tell.</summary>
    TooLittleCaptured,
}
