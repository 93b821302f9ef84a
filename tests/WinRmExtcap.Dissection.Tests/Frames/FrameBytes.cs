using System.Net;
using System.Net.NetworkInformation;
using PacketDotNet;

namespace WinRmExtcap.Dissection.Tests.Frames;

/// <summary>
/// Wire bytes for the frame decoder tests: PacketDotNet-built frames where it can build them,
/// annotated hex where it cannot.
/// </summary>
internal static class FrameBytes
{
    public const ushort ClientPort = 54321;
    public const ushort ServerPort = 5986;
    public const uint SequenceNumber = 0x01020304;
    public const uint AcknowledgementNumber = 0xA0B0C0D0;

    public static readonly IPAddress ClientIpv4 = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress ServerIpv4 = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress ClientIpv6 = IPAddress.Parse("2001:db8::1");
    public static readonly IPAddress ServerIpv6 = IPAddress.Parse("2001:db8::2");

    /// <summary>A TLS record header, the kind of payload the dissector cares about.</summary>
    public static readonly byte[] Payload = [0x16, 0x03, 0x03, 0x00, 0x00];

    // Hand-written layers. Every string is one header; fields are separated by spaces.

    /// <summary>
    /// IPv4 (20) + TCP (20) + 5 payload bytes: version 4 IHL 5, TOS 0, total length 45, id 0x1234,
    /// DF, TTL 64, protocol 6, checksum 0, 192.0.2.1 to 192.0.2.2.
    /// </summary>
    public const string Ipv4Header = "45 00 002D 1234 4000 40 06 0000 C0000201 C0000202";

    /// <summary>
    /// TCP: 54321 to 5986, seq 0x01020304, ack 0xA0B0C0D0, data offset 5, PSH|ACK, window 0xFFFF,
    /// checksum 0, urgent pointer 0.
    /// </summary>
    public const string TcpHeader = "D431 1762 01020304 A0B0C0D0 50 18 FFFF 0000 0000";

    public const string PayloadHex = "16 03 03 00 00";

    public const string Ipv4TcpPacket = Ipv4Header + TcpHeader + PayloadHex;

    /// <summary>
    /// IPv6: version 6, payload length 25, next header TCP, hop limit 64, 2001:db8::1 to ::2.
    /// </summary>
    public const string Ipv6TcpPacket =
        "60000000 0019 06 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002"
        + TcpHeader + PayloadHex;

    /// <summary>Ethernet II: destination, source, EtherType.</summary>
    public const string EthernetAddresses = "020000000002 020000000001";

    // Tunnel headers. Outer addresses are 198.51.100.1 to .2 and 2001:db8:ffff::1 to ::2, so a
    // segment that reports 192.0.2.x or 2001:db8::x came from the inner packet.

    /// <summary>
    /// Outer IPv4 without its total length: version 4 IHL 5, TOS 0, then the total length, which
    /// each frame writes; id 0x4321, DF, TTL 64, then the protocol and the rest of this header.
    /// </summary>
    public const string OuterIpv4Start = "45 00";

    public const string OuterIpv4Middle = "4321 4000 40";

    /// <summary>Outer IPv4: checksum 0, 198.51.100.1 to 198.51.100.2.</summary>
    public const string OuterIpv4End = "0000 C6336401 C6336402";

    /// <summary>Outer IPv6: version 6, traffic class 0, flow label 0, then payload length.</summary>
    public const string OuterIpv6Start = "60000000";

    /// <summary>Outer IPv6 after next header: hop limit 64, 2001:db8:ffff::1 to ::2.</summary>
    public const string OuterIpv6End =
        "40 20010DB8FFFF00000000000000000001 20010DB8FFFF00000000000000000002";

    /// <summary>Outer Ethernet for the tunnel frames: addresses, then the EtherType each writes.</summary>
    public const string TunnelEthernetAddresses = "0200000000A2 0200000000A1";

    /// <summary>Ethernet inside VXLAN, Geneve and GRE bridging: other addresses than the outer.</summary>
    public const string InnerEthernetAddresses = "0200000000B2 0200000000B1";

    /// <summary>UDP source port 49152, then the destination port each tunnel writes.</summary>
    public const string UdpTunnelSourcePort = "C000";

    /// <summary>UDP checksum 0 (not computed, as RFC 768 allows over IPv4).</summary>
    public const string UdpNoChecksum = "0000";

    public static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] EthernetIpv4Tcp(int payloadLength = 5)
    {
        var tcp = NewTcp(payloadLength);
        var ip = new IPv4Packet(ClientIpv4, ServerIpv4) { PayloadPacket = tcp };
        var ethernet = NewEthernet(EthernetType.IPv4);
        ethernet.PayloadPacket = ip;
        ethernet.UpdateCalculatedValues();
        return ethernet.Bytes;
    }

    public static byte[] EthernetIpv6Tcp(int payloadLength = 5)
    {
        var tcp = NewTcp(payloadLength);
        var ip = new IPv6Packet(ClientIpv6, ServerIpv6) { PayloadPacket = tcp };
        var ethernet = NewEthernet(EthernetType.IPv6);
        ethernet.PayloadPacket = ip;
        ethernet.UpdateCalculatedValues();
        return ethernet.Bytes;
    }

    private static EthernetPacket NewEthernet(EthernetType type) => new(
        PhysicalAddress.Parse("02-00-00-00-00-01"),
        PhysicalAddress.Parse("02-00-00-00-00-02"),
        type);

    private static TcpPacket NewTcp(int payloadLength)
    {
        var payload = new byte[payloadLength];
        Payload.AsSpan(0, Math.Min(payloadLength, Payload.Length)).CopyTo(payload);
        return new TcpPacket(ClientPort, ServerPort)
        {
            SequenceNumber = SequenceNumber,
            AcknowledgmentNumber = AcknowledgementNumber,
            Push = true,
            Acknowledgment = true,
            WindowSize = ushort.MaxValue,
            PayloadData = payload,
        };
    }
}
