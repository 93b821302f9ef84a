using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Probing;

/// <summary>
/// What one probe of one endpoint found: either a <see cref="Failure"/>, or the presented chain
/// with the negotiated parameters and the verdicts on it. Verdicts are reported, never enforced.
/// </summary>
public sealed record ProbeResult
{
    public required ProbeTarget Target { get; init; }

    /// <summary>When the probe started; validity is judged at this instant.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How long the probe took, connection and handshake included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The address connected to, once a TCP connection was made.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>Set when no certificate was obtained; everything below is then empty.</summary>
    public ProbeFailure? Failure { get; init; }

    public SslProtocols Protocol { get; init; }

    public TlsCipherSuite CipherSuite { get; init; }

    /// <summary>The certificates the server sent, leaf first, in the order it sent them.</summary>
    public IReadOnlyList<CertificateRecord> Chain { get; init; } = [];

    /// <summary>What the platform's own validation said (name and chain against the system store).</summary>
    public SslPolicyErrors PolicyErrors { get; init; }

    /// <summary>The leaf's validity at <see cref="At"/>; null on failure.</summary>
    public ValidityVerdict? Validity { get; init; }

    /// <summary>Whether the leaf matches <see cref="ServerName"/>; null on failure or when undecodable.</summary>
    public bool? NameMatches { get; init; }

    /// <summary>The name sent as SNI and matched against the certificate: --sni, else the host.</summary>
    public string? ServerName { get; init; }

    /// <summary>The chain's trust; null on failure.</summary>
    public ChainTrust? Trust { get; init; }

    public bool Succeeded => Failure is null && Chain.Count > 0;

    /// <summary>The leaf certificate, or null on failure.</summary>
    public CertificateRecord? Leaf => Chain.Count > 0 ? Chain[0] : null;
}
