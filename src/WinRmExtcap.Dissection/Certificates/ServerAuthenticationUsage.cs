namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// Whether a certificate may authenticate a TLS server, by its extended key usage (RFC 5280
/// 4.2.1.12).
/// </summary>
public enum ServerAuthenticationUsage : byte
{
    /// <summary>The EKU extension lists Server Authentication (1.3.6.1.5.5.7.3.1).</summary>
    Listed,

    /// <summary>The EKU extension is present and does not list Server Authentication.</summary>
    NotListed,

    /// <summary>No EKU extension: Windows and most TLS clients accept the certificate for any purpose.</summary>
    AnyPurpose,
}
