using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// Everything the dissector learned about one TCP connection that carried TLS: endpoints, hellos,
/// certificates, alerts, how it ended, and what was lost to the capture. Filled in as packets
/// arrive; complete once the tracker reports the connection finished.
/// </summary>
public sealed class TlsConnection
{
    private readonly List<CertificateChainSeen> _chains = [];
    private readonly List<AlertSeen> _alerts = [];

    internal TlsConnection(long id, NetworkEndpoint client, NetworkEndpoint server, long frame, long timestampNs)
    {
        Id = id;
        Client = client;
        Server = server;
        FirstFrame = frame;
        FirstTimestampNs = timestampNs;
        LastTimestampNs = timestampNs;
    }

    /// <summary>Number of the connection in order of first appearance, from 0 (like tcp.stream).</summary>
    public long Id { get; }

    public NetworkEndpoint Client { get; internal set; }

    public NetworkEndpoint Server { get; internal set; }

    /// <summary>False while the sides were guessed (no SYN and no hello seen yet).</summary>
    public bool RolesKnown { get; internal set; }

    public long FirstFrame { get; }

    public long FirstTimestampNs { get; }

    public long LastTimestampNs { get; internal set; }

    public DateTimeOffset FirstSeen =>
        DateTimeOffset.UnixEpoch.AddTicks(FirstTimestampNs / TimeSpan.NanosecondsPerTick);

    public ClientHello? ClientHello { get; internal set; }

    public long? ClientHelloFrame { get; internal set; }

    public ServerHello? ServerHello { get; internal set; }

    public long? ServerHelloFrame { get; internal set; }

    /// <summary>The HelloRetryRequest, when the server sent one before its ServerHello.</summary>
    public ServerHello? HelloRetryRequest { get; internal set; }

    public IReadOnlyList<CertificateChainSeen> Chains => _chains;

    public IReadOnlyList<AlertSeen> Alerts => _alerts;

    public bool ClientChangedCipherSpec { get; internal set; }

    public bool ServerChangedCipherSpec { get; internal set; }

    /// <summary>Frame of the server's ChangeCipherSpec (TLS 1.2 and earlier).</summary>
    public long? ServerChangeCipherSpecFrame { get; internal set; }

    public long ClientEncryptedRecords { get; internal set; }

    public long ServerEncryptedRecords { get; internal set; }

    public ConnectionEnd End { get; internal set; }

    public long? EndFrame { get; internal set; }

    /// <summary>Server bytes lost to the capture before its handshake went encrypted.</summary>
    public long ServerHandshakeBytesLost { get; internal set; }

    public long ClientHandshakeBytesLost { get; internal set; }

    /// <summary>What cut the server's handshake bytes, when some were lost.</summary>
    public GapCause? ServerLossCause { get; internal set; }

    /// <summary>True once the server sent a Certificate message, readable or not.</summary>
    public bool ServerCertificateMessageSeen { get; internal set; }

    /// <summary>True when a server Certificate message was being reassembled when bytes went missing.</summary>
    public bool ServerCertificateCut { get; internal set; }

    /// <summary>True when the key log held secrets for this TLS 1.3 connection.</summary>
    public bool KeysAvailable { get; internal set; }

    /// <summary>
    /// SHA-256 (upper-case hex) of the ticket the server issued in a NewSessionTicket sent in clear
    /// (TLS 1.2 and earlier, RFC 5077); null when none was seen.
    /// </summary>
    public string? IssuedTicketSha256 { get; internal set; }

    /// <summary>Why TLS 1.3 handshake decryption failed for this connection, when it was tried.</summary>
    public string? DecryptionProblem { get; internal set; }

    public bool IsResumed
    {
        get
        {
            if (ServerHello is null)
            {
                return false;
            }
            if (ServerHello.NegotiatedVersion == TlsVersion.Tls13)
            {
                return ServerHello.ExtensionTypes.Contains(TlsExtensionType.PreSharedKey);
            }
            // RFC 5246 section 7.3 (session id) and RFC 5077 section 3.1 (ticket): the abbreviated
            // handshake goes from ServerHello straight to ChangeCipherSpec, no Certificate.
            var sessionIdEchoed = ServerHello.SessionId.Length > 0 && ClientHello is not null
                && ServerHello.SessionId.AsSpan().SequenceEqual(ClientHello.SessionId);
            var ticketOffered = ClientHello?.SessionTicketLength > 0;
            return ServerChangedCipherSpec && !ServerCertificateMessageSeen && (sessionIdEchoed || ticketOffered)
                && !ServerCertificateCut && ServerHandshakeBytesLost == 0;
        }
    }

    public bool IsTls13 => ServerHello?.NegotiatedVersion == TlsVersion.Tls13;

    /// <summary>The server name the client asked for (SNI), if any.</summary>
    public string? ServerName => ClientHello?.ServerName;

    /// <summary>The one-line classification of the connection.</summary>
    public ConnectionOutcome Outcome
    {
        get
        {
            if (_chains.Any(c => c.Role == CertificateRole.Server))
            {
                return ConnectionOutcome.CertificateSeen;
            }
            var cutBySnapLength = ServerLossCause == GapCause.SnapLength && !ServerChangedCipherSpec;
            if (ServerCertificateCut || (ServerHello is not null && !IsTls13 && ServerHandshakeBytesLost > 0)
                || (cutBySnapLength && !IsTls13))
            {
                return ConnectionOutcome.CertificateLostToCapture;
            }
            if (IsResumed)
            {
                return ConnectionOutcome.ResumedNoCertificate;
            }
            if (IsTls13)
            {
                return ConnectionOutcome.Tls13CertificateEncrypted;
            }
            var failedByAlert = _alerts.Any(a => a.IsFatal);
            var failedByReset = ClientHello is not null && !ServerChangedCipherSpec
                && End is ConnectionEnd.ResetByClient or ConnectionEnd.ResetByServer or ConnectionEnd.Closed;
            return failedByAlert || failedByReset
                ? ConnectionOutcome.HandshakeFailed
                : ConnectionOutcome.TooLittleCaptured;
        }
    }

    internal void AddChain(CertificateChainSeen chain) => _chains.Add(chain);

    internal void AddAlert(AlertSeen alert) => _alerts.Add(alert);

    public override string ToString() => $"{Client} -> {Server}";
}
