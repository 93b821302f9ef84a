using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;
using WinRmExtcap.Dissection.Capture;

namespace WinRmExtcap.Dissection.Tests.Sessions;

/// <summary>
/// Writes one TCP connection as Ethernet/IPv4/TCP frames built with PacketDotNet, numbering
/// frames from <see cref="FirstFrameNumber"/> and stamping each one millisecond after the last.
/// </summary>
internal sealed class TcpConversation
{
    public static readonly IPAddress ClientAddress = IPAddress.Parse("192.0.2.10");
    public static readonly IPAddress ServerAddress = IPAddress.Parse("192.0.2.20");

    private static readonly PhysicalAddress ClientMac = PhysicalAddress.Parse("02-00-00-00-00-0A");
    private static readonly PhysicalAddress ServerMac = PhysicalAddress.Parse("02-00-00-00-00-14");

    private readonly List<CapturedPacket> _packets;
    private uint _clientSequence;
    private uint _serverSequence;

    /// <summary>
    /// A connection between the two test addresses. The server's initial sequence number sits
    /// just below 2^32 so that its data wraps around zero.
    /// </summary>
    public TcpConversation(
        ushort clientPort,
        ushort serverPort,
        List<CapturedPacket>? sharedPackets = null,
        uint clientInitialSequence = 0x10000000,
        uint serverInitialSequence = 0xFFFFF000)
    {
        ClientPort = clientPort;
        ServerPort = serverPort;
        _packets = sharedPackets ?? [];
        _clientSequence = clientInitialSequence;
        _serverSequence = serverInitialSequence;
    }

    public const long FirstFrameNumber = 1;

    public ushort ClientPort { get; }

    public ushort ServerPort { get; }

    /// <summary>Capture time of the next frame.</summary>
    public DateTimeOffset Now { get; set; } = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<CapturedPacket> Packets => _packets;

    /// <summary>SYN, SYN-ACK, ACK.</summary>
    public TcpConversation OpenWithSyn()
    {
        Add(fromClient: true, [], syn: true);
        Add(fromClient: false, [], syn: true);
        Add(fromClient: true, []);
        return this;
    }

    /// <summary>Sends <paramref name="payload"/> from the client; returns the frame number.</summary>
    public long ClientSends(byte[] payload, int? snapLength = null) =>
        Add(fromClient: true, payload, snapLength: snapLength);

    /// <summary>Sends from the server; <paramref name="snapLength"/> cuts the captured frame.</summary>
    public long ServerSends(byte[] payload, int? snapLength = null) =>
        Add(fromClient: false, payload, snapLength: snapLength);

    public long Fin(bool fromClient) => Add(fromClient, [], fin: true);

    public long Reset(bool fromClient) => Add(fromClient, [], rst: true);

    private long Add(bool fromClient, byte[] payload, bool syn = false, bool fin = false, bool rst = false,
        int? snapLength = null)
    {
        var tcp = new TcpPacket(fromClient ? ClientPort : ServerPort, fromClient ? ServerPort : ClientPort)
        {
            SequenceNumber = fromClient ? _clientSequence : _serverSequence,
            AcknowledgmentNumber = fromClient ? _serverSequence : _clientSequence,
            Synchronize = syn,
            Acknowledgment = !(syn && fromClient),
            Finished = fin,
            Reset = rst,
            Push = payload.Length > 0,
            WindowSize = ushort.MaxValue,
            PayloadData = payload,
        };
        var ip = new IPv4Packet(fromClient ? ClientAddress : ServerAddress, fromClient ? ServerAddress : ClientAddress)
        {
            PayloadPacket = tcp,
        };
        var ethernet = new EthernetPacket(fromClient ? ClientMac : ServerMac, fromClient ? ServerMac : ClientMac,
            EthernetType.IPv4) { PayloadPacket = ip };
        ethernet.UpdateCalculatedValues();
        var bytes = ethernet.Bytes;

        var consumed = (uint)payload.Length + (syn || fin ? 1u : 0u);
        if (fromClient)
        {
            _clientSequence += consumed;
        }
        else
        {
            _serverSequence += consumed;
        }

        var frameNumber = FirstFrameNumber + _packets.Count;
        var captured = snapLength is { } snap ? bytes[..Math.Min(snap, bytes.Length)] : bytes;
        var timestampNs = (Now - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
        _packets.Add(new CapturedPacket(frameNumber, 0, LinkType.Ethernet, timestampNs, bytes.Length, captured, []));
        Now = Now.AddMilliseconds(1);
        return frameNumber;
    }
}
