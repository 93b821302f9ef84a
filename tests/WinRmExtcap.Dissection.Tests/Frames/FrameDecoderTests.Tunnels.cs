using System.Globalization;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Frames;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Frames.FrameBytes;

namespace WinRmExtcap.Dissection.Tests.Frames;

/// <summary>
/// TCP inside tunnels: PPPoE, MPLS, IP-in-IP, GRE, VXLAN, Geneve and GTP-U. Inner packets are
/// <see cref="Ipv4TcpPacket"/> (45 bytes) and <see cref="Ipv6TcpPacket"/> (65 bytes), so every
/// expected segment carries the inner addresses; its payload offset counts from the frame start.
/// </summary>
public sealed partial class FrameDecoderTests
{
    private const int EncapsulationLimit = 8;
    private const int Ipv4HeaderLength = 20;

    /// <summary>Tunnel frames, added to <see cref="ValidFrames"/> for every valid-frame test.</summary>
    private static IEnumerable<(string Name, LinkType LinkType, byte[] Bytes, TcpSegment Expected)>
        TunnelFrames()
    {
        // PPPoE session: version 1 type 1, code 0 (session data), session id 1, length 47 (PPP
        // protocol + 45), PPP protocol 0x0021 IPv4.
        yield return ("PppoeIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "8864", "11 00 0001 002F", "0021", Ipv4TcpPacket),
            ExpectedIpv4(62));

        // PPPoE session, length 67 (2 + 65), PPP protocol 0x0057 IPv6.
        yield return ("PppoeIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "8864", "11 00 0001 0043", "0057", Ipv6TcpPacket),
            ExpectedIpv6(82));

        // PPPoE inside a VLAN tag, as DSL access networks send it.
        yield return ("VlanPppoeIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "8100 0007", "8864", "11 00 0001 002F", "0021", Ipv4TcpPacket),
            ExpectedIpv4(66));

        // MPLS: label 100 TC 0 S 0 TTL 64, then label 200 TC 0 S 1 (bottom) TTL 64, then IPv4.
        yield return ("MplsTwoLabelsIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "8847", "00064 0 40", "000C8 1 40", Ipv4TcpPacket),
            ExpectedIpv4(62));

        // MPLS multicast: one label 300, S 1, TTL 1, then IPv6.
        yield return ("MplsMulticastIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "8848", "0012C 1 01", Ipv6TcpPacket),
            ExpectedIpv6(78));

        // IPv4 in IPv4: outer total length 65 (20 + 45), protocol 4.
        yield return ("Ipv4InIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0041", OuterIpv4Middle, "04", OuterIpv4End,
                Ipv4TcpPacket),
            ExpectedIpv4(74));

        // 6in4: outer total length 85 (20 + 65), protocol 41.
        yield return ("Ipv6InIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0055", OuterIpv4Middle, "29", OuterIpv4End,
                Ipv6TcpPacket),
            ExpectedIpv6(94));

        // IPv6 in IPv6: outer payload length 65, next header 41.
        yield return ("Ipv6InIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "86DD", OuterIpv6Start, "0041", "29", OuterIpv6End, Ipv6TcpPacket),
            ExpectedIpv6(114));

        // IPv4 in IPv6 (DS-Lite): outer payload length 45, next header 4.
        yield return ("Ipv4InIpv6", LinkType.Raw,
            Hex(OuterIpv6Start, "002D", "04", OuterIpv6End, Ipv4TcpPacket),
            ExpectedIpv4(80));

        // GRE without options: flags and version 0, protocol type IPv4; outer total 69 (20 + 4 + 45).
        yield return ("GreIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0045", OuterIpv4Middle, "2F", OuterIpv4End,
                "0000 0800",
                Ipv4TcpPacket),
            ExpectedIpv4(78));

        // GRE with checksum, key and sequence number (C K S = 0xB000), protocol type IPv6;
        // checksum 0 reserved1 0, key 42, sequence 1; outer total 101 (20 + 16 + 65).
        yield return ("GreAllOptionsIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0065", OuterIpv4Middle, "2F", OuterIpv4End,
                "B000 86DD", "0000 0000", "0000002A", "00000001",
                Ipv6TcpPacket),
            ExpectedIpv6(110));

        // GRE with a key (K = 0x2000), transparent Ethernet bridging 0x6558, key 100, then an
        // Ethernet frame; outer total 87 (20 + 8 + 14 + 45).
        yield return ("GreEthernetIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0057", OuterIpv4Middle, "2F", OuterIpv4End,
                "2000 6558", "00000064",
                InnerEthernetAddresses, "0800", Ipv4TcpPacket),
            ExpectedIpv4(96));

        // GRE over IPv6 carrying MPLS (protocol type 0x8847), one label with S set, then IPv4:
        // outer payload length 53 (4 + 4 + 45).
        yield return ("Ipv6GreMplsIpv4", LinkType.Raw,
            Hex(OuterIpv6Start, "0035", "2F", OuterIpv6End,
                "0000 8847", "00010 1 40",
                Ipv4TcpPacket),
            ExpectedIpv4(88));

        // VXLAN: UDP to 4789, length 75 (8 + 8 + 14 + 45); flags I (0x08), reserved, VNI 123,
        // reserved; then Ethernet and IPv4. Outer total 95.
        yield return ("VxlanIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "005F", OuterIpv4Middle, "11", OuterIpv4End,
                UdpTunnelSourcePort, "12B5", "004B", UdpNoChecksum,
                "08 000000 00007B 00",
                InnerEthernetAddresses, "0800", Ipv4TcpPacket),
            ExpectedIpv4(104));

        // Geneve: UDP to 6081, length 103 (8 + 16 + 14 + 65); version 0 options length 2 (8
        // bytes), O and C clear, protocol type 0x6558, VNI 123, reserved; one option: class
        // 0x0103, type 0x80, length 1 (4 bytes), data. Then Ethernet and IPv6. Outer total 123.
        yield return ("GeneveOptionEthernetIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "007B", OuterIpv4Middle, "11", OuterIpv4End,
                UdpTunnelSourcePort, "17C1", "0067", UdpNoChecksum,
                "02 00 6558 00007B 00", "0103 80 01 0000002A",
                InnerEthernetAddresses, "86DD", Ipv6TcpPacket),
            ExpectedIpv6(132));

        // Geneve without options naming IPv4 directly: UDP length 61 (8 + 8 + 45), outer total 81.
        yield return ("GeneveIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0051", OuterIpv4Middle, "11", OuterIpv4End,
                UdpTunnelSourcePort, "17C1", "003D", UdpNoChecksum,
                "00 00 0800 00007B 00",
                Ipv4TcpPacket),
            ExpectedIpv4(90));

        // GTP-U: UDP 2152 to 2152, length 61; flags version 1 PT 1 (0x30), message type 255
        // (G-PDU), length 45, TEID 1; then IPv4. Outer total 81.
        yield return ("GtpUserIpv4", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0051", OuterIpv4Middle, "11", OuterIpv4End,
                "0868", "0868", "003D", UdpNoChecksum,
                "30 FF 002D 00000001",
                Ipv4TcpPacket),
            ExpectedIpv4(90));

        // GTP-U with an extension header: flags 0x34 (E set), G-PDU, length 77 (4 + 8 + 65),
        // TEID 1; sequence 0, N-PDU 0, next extension 0x85 (PDU session container); that header:
        // length 2 (8 bytes), 6 bytes content, next extension 0 (none). Then IPv6. UDP length 93,
        // outer total 113.
        yield return ("GtpUserExtensionIpv6", LinkType.Ethernet,
            Hex(TunnelEthernetAddresses, "0800",
                OuterIpv4Start, "0071", OuterIpv4Middle, "11", OuterIpv4End,
                "0868", "0868", "005D", UdpNoChecksum,
                "34 FF 004D 00000001", "0000 00 85",
                "02 0001 00000000 00",
                Ipv6TcpPacket),
            ExpectedIpv6(122));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(EncapsulationLimit)]
    public void TryDecode_NestedIpv4InIpv4UpToLimit_ReturnsInnermostTcp(int encapsulations)
    {
        var frame = NestInIpv4(Hex(Ipv4TcpPacket), encapsulations);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4((Ipv4HeaderLength * (encapsulations + 1)) + TcpHeaderLength), segment);
    }

    [Fact]
    public void TryDecode_NestedBeyondLimit_ReturnsNotTcp()
    {
        var frame = NestInIpv4(Hex(Ipv4TcpPacket), EncapsulationLimit + 1);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
        Assert.Equal(default, segment);
    }

    [Theory]
    [InlineData("04")] // IPv4 in IPv4
    [InlineData("29")] // 6in4
    [InlineData("2F")] // GRE
    public void TryDecode_FragmentedOuterTunnel_ReturnsFragment(string protocol)
    {
        // Outer IPv4 with MF set, offset 0: the first fragment of a tunnel packet.
        var frame = Hex(OuterIpv4Start, "0041", "4321 2000 40", protocol, OuterIpv4End, Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out _);

        Assert.Equal(FrameDecodeStatus.Fragment, status);
    }

    [Fact]
    public void TryDecode_Ipv6FragmentOfTunnel_ReturnsFragment()
    {
        // Outer IPv6, next header Fragment; fragment header: next 41 (IPv6), offset 0, M set.
        var frame = Hex(OuterIpv6Start, "0049", "2C", OuterIpv6End, "29 00 0001 ABCDEF01", Ipv6TcpPacket);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out _);

        Assert.Equal(FrameDecodeStatus.Fragment, status);
    }

    [Fact]
    public void TryDecode_InnerFragment_ReturnsFragment()
    {
        // 6in4 whose inner IPv6 carries a non-atomic fragment of TCP (offset 0, M set).
        var frame = Hex(OuterIpv4Start, "005D", OuterIpv4Middle, "29", OuterIpv4End,
            "60000000 0021 2C 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            "06 00 0001 ABCDEF01",
            TcpHeader, PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out _);

        Assert.Equal(FrameDecodeStatus.Fragment, status);
    }

    [Theory]
    // PPPoE discovery (0x8863), not a session.
    [InlineData("8863", "11 09 0000 002F 0021")]
    // PPPoE session carrying LCP (0xC021).
    [InlineData("8864", "11 00 0001 002F C021")]
    // PPPoE version 2: unknown, not opened.
    [InlineData("8864", "21 00 0001 002F 0021")]
    // MPLS bottom label followed by a pseudowire control word (first nibble 0).
    [InlineData("8847", "00064 1 40 00000000")]
    public void TryDecode_EthernetTunnelWithoutIp_ReturnsNotTcp(string etherType, string tunnelHeader)
    {
        var frame = Hex(TunnelEthernetAddresses, etherType, tunnelHeader, Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    // GRE version 1 (PPTP enhanced GRE), protocol PPP.
    [InlineData("2F", "2001 880B 002D 0001")]
    // GRE with the RFC 1701 routing bit.
    [InlineData("2F", "4000 0800 0000 0000")]
    // GRE carrying ARP.
    [InlineData("2F", "0000 0806")]
    // UDP to DNS.
    [InlineData("11", "C000 0035 0035 0000")]
    // GTP-U echo request (message type 1), not a G-PDU.
    [InlineData("11", "0868 0868 0035 0000 32 01 0004 00000000 0000 00 00")]
    // Geneve version 1: unknown, not opened.
    [InlineData("11", "C000 17C1 0035 0000 40 00 0800 00007B 00")]
    public void TryDecode_IpTunnelWithoutTcp_ReturnsNotTcp(string protocol, string tunnelHeader)
    {
        var tunnel = Hex(tunnelHeader, Ipv4TcpPacket);
        var frame = Hex(
            OuterIpv4Start,
            TotalLengthHex(tunnel),
            OuterIpv4Middle,
            protocol,
            OuterIpv4End,
            Convert.ToHexString(tunnel));

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
        Assert.Equal(default, segment);
    }

    [Theory]
    // UDP length 7, shorter than its own header.
    [InlineData("C000 12B5 0007 0000 08 000000 00007B 00")]
    // UDP length 200, beyond the IP packet.
    [InlineData("C000 12B5 00C8 0000 08 000000 00007B 00")]
    // GTP-U length 200, beyond the UDP datagram.
    [InlineData("0868 0868 0035 0000 30 FF 00C8 00000001")]
    // GTP-U extension header of length 0.
    [InlineData("0868 0868 0035 0000 34 FF 0031 00000001 0000 00 85 00 000000")]
    // Geneve options length 63 (252 bytes), beyond the UDP datagram.
    [InlineData("C000 17C1 0035 0000 3F 00 0800 00007B 00")]
    public void TryDecode_ImpossibleTunnelLength_ReturnsMalformed(string tunnelHeader)
    {
        var tunnel = Hex(tunnelHeader, Ipv4TcpPacket);
        var frame = Hex(
            OuterIpv4Start,
            TotalLengthHex(tunnel),
            OuterIpv4Middle,
            "11",
            OuterIpv4End,
            Convert.ToHexString(tunnel));

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Malformed, status);
        Assert.Equal(default, segment);
    }

    [Fact]
    public void TryDecode_PppoeLengthExcludesEthernetPadding()
    {
        // PPPoE length 47 ends the IPv4 packet; 8 bytes of Ethernet padding follow it.
        var frame = Hex(
            TunnelEthernetAddresses, "8864", "11 00 0001 002F", "0021", Ipv4TcpPacket, "0000000000000000");

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4(62), segment);
    }

    /// <summary>Wraps <paramref name="packet"/> in <paramref name="times"/> IPv4 headers, protocol 4.</summary>
    private static byte[] NestInIpv4(byte[] packet, int times)
    {
        for (var i = 0; i < times; i++)
        {
            packet = Hex(
                OuterIpv4Start, TotalLengthHex(packet), OuterIpv4Middle, "04", OuterIpv4End,
                Convert.ToHexString(packet));
        }
        return packet;
    }

    /// <summary>The total length field of an IPv4 header followed by <paramref name="payload"/>.</summary>
    private static string TotalLengthHex(byte[] payload) =>
        (Ipv4HeaderLength + payload.Length).ToString("X4", CultureInfo.InvariantCulture);
}
