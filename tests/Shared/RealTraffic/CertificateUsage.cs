namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>The extended key usages (RFC 5280 section 4.2.1.12) a test certificate carries.</summary>
[Flags]
public enum CertificateUsage
{
    /// <summary>No extended key usage extension.</summary>
    None = 0,

    /// <summary>id-kp-serverAuth, 1.3.6.1.5.5.7.3.1.</summary>
    ServerAuthentication = 1,

    /// <summary>id-kp-clientAuth, 1.3.6.1.5.5.7.3.2.</summary>
    ClientAuthentication = 2,
}
