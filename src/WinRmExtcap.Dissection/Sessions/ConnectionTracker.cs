using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Diagnostics;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// The dissector's entry point: takes packets in capture order, follows every TCP connection
/// that carries TLS (recognised by its bytes, on any port unless <see cref="TrackerOptions.Ports"/>
/// narrows it) and tells an <see cref="IDissectionObserver"/> what it finds. Memory stays
/// bounded: a direction's buffers go as soon as its handshake is encrypted, and the connection
/// table is capped.
/// </summary>
public sealed partial class ConnectionTracker
{
    private readonly Dictionary<ConnectionKey, TcpConnectionState> _connections = [];
    private readonly DissectionContext _context;
    private readonly ILogger _logger;
    private long _nextConnectionId;

    public ConnectionTracker(TrackerOptions options, IDissectionObserver observer, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        _context = new DissectionContext(observer, new TrackerCounters(), options);
        _logger = logger ?? NullLogger.Instance;
    }

    public TrackerCounters Counters => _context.Counters;

    /// <summary>Every distinct certificate seen so far, in order of first appearance.</summary>
    public IReadOnlyList<CertificateRecord> Certificates => _context.Certificates.All;

    /// <summary>Connections being followed right now.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>
    /// Adds TLS secrets found inside the capture (a pcapng Decryption Secrets Block) to the key
    /// log; connections whose ServerHello comes later can then be decrypted.
    /// </summary>
    public void AddSecrets(KeyLog secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _context.KeyLog = _context.KeyLog.Merge(secrets);
    }

    /// <summary>Takes the next packet of the capture.</summary>
    public void Process(in CapturedPacket packet)
    {
        Counters.Packets++;
        var frame = packet.Data.Span;
        var status = FrameDecoder.TryDecode(packet.LinkType, frame, out var segment);
        Counters.Count(status);
        if (status != FrameDecodeStatus.Tcp)
        {
            return;
        }
        var ports = _context.Options.Ports;
        if (ports.Count > 0 && !ports.Contains(segment.Source.Port) && !ports.Contains(segment.Destination.Port))
        {
            return;
        }

        _context.FrameNumber = packet.FrameNumber;
        _context.TimestampNs = packet.TimestampNs;
        var key = ConnectionKey.Of(segment.Source, segment.Destination);
        if (_connections.TryGetValue(key, out var connection) && IsNewConnectionOnReusedPorts(connection, segment))
        {
            Close(key, connection);
            connection = null;
        }
        if (connection is null)
        {
            if (segment.WirePayloadLength == 0 && !segment.HasFlag(TcpFlags.Syn))
            {
                return;
            }
            connection = Open(key, segment, packet);
        }

        connection.Summary.LastTimestampNs = packet.TimestampNs;
        var direction = connection.From(segment.Source);
        var payloadLength = Math.Min(segment.CapturedPayloadLength, Math.Max(frame.Length - segment.PayloadOffset, 0));
        var payload = frame.Slice(segment.PayloadOffset, payloadLength);
        direction.Reassembler.Add(segment.SequenceNumber, segment.Flags, payload, segment.WirePayloadLength);
        TrackEnd(key, connection, direction, segment);
    }

    /// <summary>The capture ended: flush every connection and report it finished.</summary>
    public void Complete()
    {
        foreach (var (key, connection) in _connections.ToArray())
        {
            Close(key, connection);
        }
        Log.CaptureComplete(_logger, Counters.Packets, Counters.TlsConnections, Certificates.Count);
    }

    private TcpConnectionState Open(ConnectionKey key, in TcpSegment segment, in CapturedPacket packet)
    {
        if (_connections.Count >= _context.Options.MaxConnections)
        {
            Evict();
        }

        var (client, server, rolesKnown) = GuessRoles(segment);
        var summary = new TlsConnection(_nextConnectionId++, client, server, packet.FrameNumber, packet.TimestampNs)
        {
            RolesKnown = rolesKnown,
        };
        var lowerToUpper = new TlsDirection(key.Lower, _context);
        var upperToLower = new TlsDirection(key.Upper, _context);
        var connection = new TcpConnectionState(summary, lowerToUpper, upperToLower);
        lowerToUpper.Attach(connection);
        upperToLower.Attach(connection);
        _connections.Add(key, connection);
        Counters.TcpConnections++;
        return connection;
    }

    /// <summary>
    /// The sender of a SYN without ACK is the client. Without one, a port the user named (or else
    /// the lower port) is taken as the server's until a hello says otherwise.
    /// </summary>
    private (NetworkEndpoint Client, NetworkEndpoint Server, bool Known) GuessRoles(in TcpSegment segment)
    {
        if (segment.HasFlag(TcpFlags.Syn))
        {
            return segment.HasFlag(TcpFlags.Ack)
                ? (segment.Destination, segment.Source, true)
                : (segment.Source, segment.Destination, true);
        }
        var ports = _context.Options.Ports;
        var sourceIsServer = ports.Contains(segment.Source.Port) != ports.Contains(segment.Destination.Port)
            ? ports.Contains(segment.Source.Port)
            : segment.Source.Port < segment.Destination.Port;
        return sourceIsServer
            ? (segment.Destination, segment.Source, false)
            : (segment.Source, segment.Destination, false);
    }

    private void TrackEnd(
        ConnectionKey key,
        TcpConnectionState connection,
        TlsDirection direction,
        in TcpSegment segment)
    {
        var summary = connection.Summary;
        if (segment.HasFlag(TcpFlags.Rst))
        {
            summary.End = direction.Sender == summary.Client
                ? ConnectionEnd.ResetByClient
                : ConnectionEnd.ResetByServer;
            summary.EndFrame = _context.FrameNumber;
            Close(key, connection);
            return;
        }
        if (segment.HasFlag(TcpFlags.Fin))
        {
            if (direction == connection.LowerToUpper)
            {
                connection.LowerFinished = true;
            }
            else
            {
                connection.UpperFinished = true;
            }
            summary.End = ConnectionEnd.Closed;
            summary.EndFrame ??= _context.FrameNumber;
            if (connection.LowerFinished && connection.UpperFinished)
            {
                Close(key, connection);
            }
            return;
        }
    }

    /// <summary>
    /// A SYN without ACK on a known 4-tuple whose connection already carried data starts a new
    /// connection (the close of the old one was not captured); a repeated SYN does not.
    /// </summary>
    private static bool IsNewConnectionOnReusedPorts(TcpConnectionState connection, in TcpSegment segment) =>
        segment.HasFlag(TcpFlags.Syn) && !segment.HasFlag(TcpFlags.Ack)
        && (connection.IsTls || connection.Summary.End != ConnectionEnd.Open
            || connection.LowerToUpper.IsDone || connection.UpperToLower.IsDone);

    private void Close(ConnectionKey key, TcpConnectionState connection)
    {
        connection.LowerToUpper.Reassembler.Flush();
        connection.UpperToLower.Reassembler.Flush();
        connection.LowerToUpper.TryKeysArrived();
        connection.LowerToUpper.Finish();
        connection.UpperToLower.Finish();
        _connections.Remove(key);
        if (connection.IsTls)
        {
            _context.Observer.OnConnectionFinished(connection.Summary);
        }
    }

    /// <summary>The table is full: finish the least recently active quarter.</summary>
    private void Evict()
    {
        var victims = _connections
            .OrderBy(pair => pair.Value.Summary.LastTimestampNs)
            .Take(Math.Max(1, _connections.Count / 4))
            .ToArray();
        foreach (var (key, connection) in victims)
        {
            Close(key, connection);
        }
        Counters.ConnectionsEvicted += victims.Length;
        Log.ConnectionsEvicted(_logger, victims.Length, _context.Options.MaxConnections);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = LogEvents.CaptureComplete, Level = LogLevel.Information,
            Message = "Capture complete: {PacketCount} packets, {TlsConnectionCount} TLS connections, "
                + "{CertificateCount} distinct certificates")]
        public static partial void CaptureComplete(ILogger logger, long packetCount, long tlsConnectionCount,
            int certificateCount);

        [LoggerMessage(EventId = LogEvents.ConnectionsEvicted, Level = LogLevel.Warning,
            Message = "Connection table full ({MaxConnections}): finished {EvictedCount} idle connections early")]
        public static partial void ConnectionsEvicted(ILogger logger, int evictedCount, int maxConnections);
    }
}
