using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Everything a report says about one server (address, port, SNI): its certificate timeline,
/// counts of its connections by outcome, and the first connections in detail.
/// </summary>
public sealed class ServerReport
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<ConnectionRow> _connections = [];
    private readonly HashSet<Thumbprint> _presented = [];
    private readonly long[] _outcomes = new long[Enum.GetValues<ConnectionOutcome>().Length];

    internal ServerReport(ServerKey key, DateTimeOffset firstSeen)
    {
        Key = key;
        FirstSeen = firstSeen;
        LastSeen = firstSeen;
    }

    public ServerKey Key { get; }

    /// <summary>First packet of its first connection.</summary>
    public DateTimeOffset FirstSeen { get; private set; }

    /// <summary>First packet of its last connection, or its last certificate, whichever is later.</summary>
    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>The certificates it presented, one entry per stretch of the same leaf, in capture order.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    /// <summary>
    /// Stretches not kept because the timeline reached its cap (a server flapping between
    /// certificates).
    /// </summary>
    public long TimelineEntriesDropped { get; internal set; }

    /// <summary>Connections kept in detail (see <see cref="ReportCollector.MaxConnectionsPerServer"/>).</summary>
    public IReadOnlyList<ConnectionRow> Connections => _connections;

    /// <summary>Connections counted but not kept in detail.</summary>
    public long ConnectionsDropped { get; internal set; }

    public long ConnectionCount { get; private set; }

    /// <summary>True once some presentation of a leaf was valid at capture time.</summary>
    public bool ValidCertificateSeen { get; internal set; }

    /// <summary>Connections by outcome.</summary>
    public long CountOf(ConnectionOutcome outcome) => _outcomes[(int)outcome];

    /// <summary>True when the server presented <paramref name="thumbprint"/> at some point.</summary>
    public bool HasPresented(Thumbprint thumbprint) => _presented.Contains(thumbprint);

    /// <summary>The distinct leaf certificates presented, in order of first presentation.</summary>
    public IEnumerable<ReportedCertificate> PresentedCertificates =>
        _timeline.Select(entry => entry.Certificate).DistinctBy(certificate => certificate.Number);

    internal void Touch(DateTimeOffset at)
    {
        if (at < FirstSeen)
        {
            FirstSeen = at;
        }
        if (at > LastSeen)
        {
            LastSeen = at;
        }
    }

    internal void AddEntry(TimelineEntry entry)
    {
        _timeline.Add(entry);
        _presented.Add(entry.Thumbprint);
    }

    internal void MarkPresented(Thumbprint thumbprint) => _presented.Add(thumbprint);

    internal void AddConnection(ConnectionRow row, bool keep)
    {
        ConnectionCount++;
        _outcomes[(int)row.Outcome]++;
        if (keep)
        {
            _connections.Add(row);
        }
        else
        {
            ConnectionsDropped++;
        }
    }
}
