using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// One TLS connection in a report, kept compact (a few hundred bytes) because a capture may hold
/// millions: numbers and short strings, certificates referred to by thumbprint.
/// </summary>
public sealed record ConnectionRow
{
    /// <summary>The capture the connection is in.</summary>
    public required string Capture { get; init; }

    /// <summary>
    /// Number of the connection within its capture, from 0 in order of first packet (like
    /// tcp.stream).
    /// </summary>
    public required long Id { get; init; }

    /// <summary>Capture time of its first packet.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    public required long FirstFrame { get; init; }

    public required NetworkEndpoint Client { get; init; }

    public required NetworkEndpoint Server { get; init; }

    /// <summary>SNI host name, or null.</summary>
    public string? ServerName { get; init; }

    /// <summary>Highest version the ClientHello offered; null without a ClientHello.</summary>
    public ushort? OfferedVersion { get; init; }

    /// <summary>Version the ServerHello chose; null without a ServerHello.</summary>
    public ushort? NegotiatedVersion { get; init; }

    public ushort? CipherSuite { get; init; }

    /// <summary>The protocol the server chose by ALPN, or null.</summary>
    public string? Alpn { get; init; }

    public ResumptionKind Resumption { get; init; }

    /// <summary>The connection whose session this one resumed, when that full handshake is in the captures.</summary>
    public ConnectionReference? ResumedFrom { get; init; }

    /// <summary>Alerts sent in clear, at most <see cref="ReportCollector.MaxAlertsPerConnection"/>.</summary>
    public IReadOnlyList<AlertSeen> Alerts { get; init; } = [];

    public ConnectionEnd End { get; init; }

    public long? EndFrame { get; init; }

    public string? Ja3 { get; init; }

    public string? Ja3S { get; init; }

    public string? Ja4 { get; init; }

    public required ConnectionOutcome Outcome { get; init; }

    /// <summary>Why a key log did not reveal this TLS 1.3 connection's certificate, when one was given.</summary>
    public string? DecryptionProblem { get; init; }

    /// <summary>The leaf certificate the server presented, or null.</summary>
    public Thumbprint? ServerCertificate { get; init; }

    /// <summary>
    /// Validity of <see cref="ServerCertificate"/> at the capture time of the packet that carried
    /// it.
    /// </summary>
    public ValidityVerdict? ServerCertificateVerdict { get; init; }

    /// <summary>Whether the SNI (else the server address) matches <see cref="ServerCertificate"/>.</summary>
    public bool? NameMatches { get; init; }

    /// <summary>The client's certificate, when it sent one in clear.</summary>
    public Thumbprint? ClientCertificate { get; init; }
}
