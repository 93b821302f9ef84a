using System.Security.Cryptography.X509Certificates;

namespace WinRmCerts.Probing;

/// <summary>How endpoints are probed and judged.</summary>
public sealed record ProbeSettings
{
    /// <summary>The default time one probe may take, connection and handshake together.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>True to cap the handshake at TLS 1.2, so a capture taken meanwhile shows the certificate.</summary>
    public bool Tls12Only { get; init; }

    /// <summary>
    /// The name to send as SNI and to match the certificate against, when it differs from the
    /// host connected to (probing a server by address); null to use the host.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>The time one probe may take, connection and handshake together.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Trust anchors from <c>--ca</c>; null to use the system store.</summary>
    public X509Certificate2Collection? TrustAnchors { get; init; }

    /// <summary>Where <see cref="TrustAnchors"/> came from, for reports.</summary>
    public string? TrustAnchorSource { get; init; }

    /// <summary>Fewer whole days left than this is a warning.</summary>
    public int WarnDays { get; init; } = 30;

    /// <summary>Fewer whole days left than this is critical; 0 makes only an expired certificate critical.</summary>
    public int CriticalDays { get; init; }
}
