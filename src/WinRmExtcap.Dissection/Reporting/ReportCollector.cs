using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Fingerprints;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Gathers what <c>winrm-certs report</c> prints, across one or more captures: every server
/// (address, port, SNI) with the timeline of the leaf certificates it presented, every distinct
/// certificate, and a compact row per TLS connection. Memory stays bounded on any capture: all
/// servers and certificates are kept, but at most <see cref="MaxConnectionsPerServer"/> rows per
/// server and <see cref="MaxConnectionsKept"/> in all, and <see cref="MaxTimelineEntriesPerServer"/>
/// timeline entries per server (the rest are counted), and at most
/// <see cref="MaxSessionsRemembered"/> session ids and tickets for linking resumptions.
/// </summary>
public sealed class ReportCollector : IDissectionObserver
{
    /// <summary>
    /// Connections kept in detail per server; the first ones, plus every one that changed the
    /// certificate.
    /// </summary>
    public const int MaxConnectionsPerServer = 1000;

    /// <summary>Connections kept in detail across all servers (a scan touches many servers once each).</summary>
    public const int MaxConnectionsKept = 200_000;

    /// <summary>
    /// Timeline entries kept per server; a server flapping between certificates beyond it is
    /// counted.
    /// </summary>
    public const int MaxTimelineEntriesPerServer = 1000;

    /// <summary>Alerts kept per connection.</summary>
    public const int MaxAlertsPerConnection = 8;

    /// <summary>Session ids remembered to link a resumed connection to its full handshake.</summary>
    public const int MaxSessionsRemembered = 100_000;

    private readonly Dictionary<ServerKey, ServerReport> _servers = [];
    private readonly List<ServerReport> _serversInOrder = [];
    private readonly Dictionary<Thumbprint, ReportedCertificate> _certificates = [];
    private readonly List<ReportedCertificate> _certificatesInOrder = [];
    private readonly Dictionary<(NetworkEndpoint Server, string SessionId), ConnectionReference> _sessions = [];
    private readonly Dictionary<(NetworkEndpoint Server, string TicketSha256), ConnectionReference> _tickets = [];
    private readonly List<string> _captures = [];
    private string _currentCapture = string.Empty;
    private long _connectionsKept;

    /// <summary>The capture now being read; rows and timeline entries are labelled with it.</summary>
    public string CurrentCapture
    {
        get => _currentCapture;
        set
        {
            _currentCapture = value;
            _captures.Add(value);
        }
    }

    /// <summary>Every capture read, in order.</summary>
    public IReadOnlyList<string> Captures => _captures;

    /// <summary>Servers in order of first appearance.</summary>
    public IReadOnlyList<ServerReport> Servers => _serversInOrder;

    /// <summary>Distinct certificates in order of first appearance (numbered from 1).</summary>
    public IReadOnlyList<ReportedCertificate> Certificates => _certificatesInOrder;

    /// <summary>TLS connections seen, kept in detail or not.</summary>
    public long ConnectionCount { get; private set; }

    /// <summary>Session ids not remembered because the table was full; resumptions they start are not linked.</summary>
    public long SessionsNotRemembered { get; private set; }

    /// <summary>The report's entry for a certificate, or null when no capture carried it.</summary>
    public ReportedCertificate? Find(Thumbprint thumbprint) =>
        _certificates.TryGetValue(thumbprint, out var certificate) ? certificate : null;

    public void OnCertificateChain(CertificateChainSeen chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var reported = new List<ReportedCertificate>(chain.Chain.Count);
        for (var i = 0; i < chain.Chain.Count; i++)
        {
            reported.Add(Remember(chain, i));
        }
        if (chain.Role != CertificateRole.Server || reported.Count == 0)
        {
            return;
        }

        var leaf = reported[0];
        leaf.IsServerLeaf = true;
        var connection = chain.Connection;
        var server = ServerOf(new ServerKey(connection.Server, connection.ServerName), connection.FirstSeen);
        server.Touch(chain.Timestamp);
        var status = ValidityVerdict.Of(leaf.Certificate, chain.Timestamp).Status;
        var entry = CurrentEntry(server, leaf, chain);
        entry?.Presented(chain.Timestamp, status, server.ValidCertificateSeen);
        if (status == ValidityStatus.Valid)
        {
            server.ValidCertificateSeen = true;
        }
    }

    public void OnServerHello(TlsConnection connection, long frameNumber)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.ServerHello is not { SessionId.Length: > 0 } hello)
        {
            return;
        }

        // The first connection to use a session id is the full handshake that created it; a
        // later one with the same id is a resumption of it (RFC 5246 section 7.4.1.3).
        var key = (connection.Server, Convert.ToHexString(hello.SessionId));
        if (_sessions.ContainsKey(key))
        {
            return;
        }
        if (_sessions.Count >= MaxSessionsRemembered)
        {
            SessionsNotRemembered++;
            return;
        }
        _sessions.Add(key, new ConnectionReference(CurrentCapture, connection.Id, frameNumber));
    }

    public void OnConnectionFinished(TlsConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ConnectionCount++;
        RememberTicket(connection);
        var row = RowOf(connection);
        var server = ServerOf(new ServerKey(connection.Server, connection.ServerName), connection.FirstSeen);
        server.Touch(connection.FirstSeen);
        var keep = _connectionsKept < MaxConnectionsKept
            && (server.Connections.Count < MaxConnectionsPerServer || StartsTimelineEntry(server, row));
        server.AddConnection(row, keep);
        if (keep)
        {
            _connectionsKept++;
        }
    }

    private ReportedCertificate Remember(CertificateChainSeen chain, int position)
    {
        var certificate = chain.Chain[position];
        if (_certificates.TryGetValue(certificate.Thumbprint, out var known))
        {
            known.Seen(chain.Timestamp);
            return known;
        }
        var reported = new ReportedCertificate(_certificatesInOrder.Count + 1, certificate, chain, position);
        _certificates.Add(certificate.Thumbprint, reported);
        _certificatesInOrder.Add(reported);
        return reported;
    }

    private ServerReport ServerOf(ServerKey key, DateTimeOffset firstSeen)
    {
        if (!_servers.TryGetValue(key, out var server))
        {
            server = new ServerReport(key, firstSeen);
            _servers.Add(key, server);
            _serversInOrder.Add(server);
        }
        return server;
    }

    /// <summary>
    /// The timeline entry this presentation belongs to: the last one, or a new one when the leaf
    /// changed.
    /// </summary>
    private TimelineEntry? CurrentEntry(ServerReport server, ReportedCertificate leaf, CertificateChainSeen chain)
    {
        var timeline = server.Timeline;
        if (timeline.Count > 0 && timeline[^1].Thumbprint == leaf.Certificate.Thumbprint)
        {
            return timeline[^1];
        }

        var change = timeline.Count == 0 ? CertificateChange.First : ChangeFrom(server, timeline[^1], leaf);
        if (timeline.Count >= MaxTimelineEntriesPerServer)
        {
            server.TimelineEntriesDropped++;
            server.MarkPresented(leaf.Certificate.Thumbprint);
            return null;
        }
        var entry = new TimelineEntry(leaf, change, CurrentCapture, chain.Connection.Id, chain.FrameNumber,
            chain.Timestamp);
        server.AddEntry(entry);
        return entry;
    }

    private static CertificateChange ChangeFrom(ServerReport server, TimelineEntry previous, ReportedCertificate next)
    {
        if (server.HasPresented(next.Certificate.Thumbprint))
        {
            return CertificateChange.Rollback;
        }
        var before = previous.Certificate.Certificate;
        var after = next.Certificate;
        var sameNames = before.Subject is not null
            && string.Equals(before.Subject, after.Subject, StringComparison.Ordinal)
            && string.Equals(before.Issuer, after.Issuer, StringComparison.Ordinal);
        return sameNames && after.NotAfter > before.NotAfter
            ? CertificateChange.Renewal
            : CertificateChange.Replacement;
    }

    private bool StartsTimelineEntry(ServerReport server, ConnectionRow row) =>
        server.Timeline.Any(entry => entry.FirstConnectionId == row.Id
            && string.Equals(entry.Capture, row.Capture, StringComparison.Ordinal));

    private ConnectionRow RowOf(TlsConnection connection)
    {
        var serverChain = connection.Chains.FirstOrDefault(chain => chain.Role == CertificateRole.Server);
        var clientChain = connection.Chains.FirstOrDefault(chain => chain.Role == CertificateRole.Client);
        var leaf = serverChain is { Chain.Count: > 0 } ? serverChain.Chain[0] : null;
        var key = new ServerKey(connection.Server, connection.ServerName);
        bool? nameMatches = leaf is not null && _certificates.TryGetValue(leaf.Thumbprint, out var reported)
            ? reported.MatchName(key.NameToMatch)
            : null;
        var clientHello = connection.ClientHello;
        var serverHello = connection.ServerHello;

        return new ConnectionRow
        {
            Capture = CurrentCapture,
            Id = connection.Id,
            FirstSeen = connection.FirstSeen,
            FirstFrame = connection.FirstFrame,
            Client = connection.Client,
            Server = connection.Server,
            ServerName = connection.ServerName,
            OfferedVersion = clientHello?.HighestVersion,
            NegotiatedVersion = serverHello?.NegotiatedVersion,
            CipherSuite = serverHello?.CipherSuite,
            Alpn = serverHello?.Alpn,
            Resumption = ResumptionOf(connection),
            ResumedFrom = connection.IsResumed ? ResumedFrom(connection) : null,
            Alerts = connection.Alerts.Take(MaxAlertsPerConnection).ToArray(),
            End = connection.End,
            EndFrame = connection.EndFrame,
            Ja3 = clientHello is null ? null : Ja3.Hash(clientHello),
            Ja3S = serverHello is null ? null : Ja3S.Hash(serverHello),
            Ja4 = clientHello is null ? null : Ja4.Of(clientHello),
            Outcome = connection.Outcome,
            DecryptionProblem = connection.Chains.Any(c => c.Role == CertificateRole.Server)
                ? null
                : connection.DecryptionProblem,
            ServerCertificate = leaf?.Thumbprint,
            ServerCertificateVerdict = serverChain is { Chain.Count: > 0 }
                ? ValidityVerdict.Of(serverChain.Chain[0], serverChain.Timestamp)
                : null,
            NameMatches = nameMatches,
            ClientCertificate = clientChain is { Chain.Count: > 0 } ? clientChain.Chain[0].Thumbprint : null,
        };
    }

    private static ResumptionKind ResumptionOf(TlsConnection connection)
    {
        if (!connection.IsResumed)
        {
            return ResumptionKind.None;
        }
        if (connection.IsTls13)
        {
            return ResumptionKind.PreSharedKey;
        }
        return connection.ClientHello is { SessionTicketLength: > 0 }
            ? ResumptionKind.SessionTicket
            : ResumptionKind.SessionId;
    }

    /// <summary>
    /// Remembers the ticket a full handshake issued, so a later connection resuming with it is
    /// linked. Known gap: the link is made when the resumed connection ends, so a resumption that
    /// ends before the connection that issued its ticket is not linked.
    /// </summary>
    private void RememberTicket(TlsConnection connection)
    {
        if (connection.IssuedTicketSha256 is not { } ticket || connection.ServerHelloFrame is not { } frame)
        {
            return;
        }
        if (_tickets.Count >= MaxSessionsRemembered)
        {
            SessionsNotRemembered++;
            return;
        }
        _tickets.TryAdd((connection.Server, ticket), new ConnectionReference(CurrentCapture, connection.Id, frame));
    }

    private ConnectionReference? ResumedFrom(TlsConnection connection)
    {
        if (connection.ClientHello?.SessionTicketSha256 is { } ticket
            && _tickets.TryGetValue((connection.Server, ticket), out var issuer))
        {
            return issuer;
        }

        if (connection.ServerHello is not { SessionId.Length: > 0 } hello
            || !_sessions.TryGetValue((connection.Server, Convert.ToHexString(hello.SessionId)), out var original))
        {
            return null;
        }
        var isItself = original.Id == connection.Id
            && string.Equals(original.Capture, CurrentCapture, StringComparison.Ordinal);
        return isItself ? null : original;
    }
}
