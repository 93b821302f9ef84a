using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Frames;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Frames.FrameBytes;

namespace WinRmExtcap.Dissection.Tests.Frames;

public sealed partial class FrameDecoderTests
{
    /// <summary>Every valid frame the robustness tests start from, by name.</summary>
    public static TheoryData<string> ValidFrameNames => new(ValidFrames.Keys);

    private static readonly Dictionary<string, (LinkType LinkType, byte[] Bytes, TcpSegment Expected)>
        ValidFrames = WithTunnelFrames(new()
        {
            ["PacketDotNetEthernetIpv4"] = (LinkType.Ethernet, EthernetIpv4Tcp(), ExpectedIpv4(54)),
            ["PacketDotNetEthernetIpv6"] = (LinkType.Ethernet, EthernetIpv6Tcp(), ExpectedIpv6(74)),
            ["Vlan"] = (LinkType.Ethernet, Hex(EthernetAddresses, "8100 0064", "0800", Ipv4TcpPacket),
                ExpectedIpv4(58)),
            ["QinQ"] = (LinkType.Ethernet,
                Hex(EthernetAddresses, "88A8 00C8", "8100 0064", "0800", Ipv4TcpPacket),
                ExpectedIpv4(62)),
            ["LegacyTripleTag"] = (LinkType.Ethernet,
                Hex(EthernetAddresses, "9100 0001", "88A8 0002", "8100 0003", "86DD", Ipv6TcpPacket),
                ExpectedIpv6(86)),
            // packet type 0 (to us), ARPHRD_ETHER, address length 6, address padded to 8, protocol IPv4.
            ["LinuxSll"] = (LinkType.LinuxSll,
                Hex("0000 0001 0006 0200000000010000 0800", Ipv4TcpPacket),
                ExpectedIpv4(56)),
            // protocol IPv6, reserved, interface index 2, ARPHRD_ETHER, packet type 0,
            // address length 6, address padded to 8.
            ["LinuxSll2"] = (LinkType.LinuxSll2,
                Hex("86DD 0000 00000002 0001 00 06 0200000000010000", Ipv6TcpPacket),
                ExpectedIpv6(80)),
            ["NullLittleEndianInet"] = (LinkType.Null, Hex("02000000", Ipv4TcpPacket), ExpectedIpv4(44)),
            ["NullBigEndianInet"] = (LinkType.Null, Hex("00000002", Ipv4TcpPacket), ExpectedIpv4(44)),
            ["NullDarwinInet6"] = (LinkType.Null, Hex("1E000000", Ipv6TcpPacket), ExpectedIpv6(64)),
            ["NullFreeBsdInet6"] = (LinkType.Null, Hex("0000001C", Ipv6TcpPacket), ExpectedIpv6(64)),
            ["NullOpenBsdInet6"] = (LinkType.Null, Hex("18000000", Ipv6TcpPacket), ExpectedIpv6(64)),
            ["NullLinuxInet6"] = (LinkType.Null, Hex("0A000000", Ipv6TcpPacket), ExpectedIpv6(64)),
            ["LoopInet"] = (LinkType.Loop, Hex("00000002", Ipv4TcpPacket), ExpectedIpv4(44)),
            ["LoopInet6"] = (LinkType.Loop, Hex("00000018", Ipv6TcpPacket), ExpectedIpv6(64)),
            ["RawIpv4"] = (LinkType.Raw, Hex(Ipv4TcpPacket), ExpectedIpv4(40)),
            ["RawIpv6"] = (LinkType.Raw, Hex(Ipv6TcpPacket), ExpectedIpv6(60)),
            ["Ipv4"] = (LinkType.Ipv4, Hex(Ipv4TcpPacket), ExpectedIpv4(40)),
            ["Ipv6"] = (LinkType.Ipv6, Hex(Ipv6TcpPacket), ExpectedIpv6(60)),
            ["Ipv6ExtensionChain"] = (LinkType.Raw, Ipv6ExtensionChain(), ExpectedIpv6(116)),
            ["Ipv4WithOptions"] = (LinkType.Raw,
                // IHL 6, total length 49, then one 4-byte option: NOP NOP NOP EOL.
                Hex("46 00 0031 1234 4000 40 06 0000 C0000201 C0000202", "01010100",
                    TcpHeader, PayloadHex),
                ExpectedIpv4(44)),
            ["TcpWithOptions"] = (LinkType.Raw,
                // Total length 57; TCP data offset 8 with 12 option bytes: MSS 1460,
                // SACK permitted, NOP NOP, window scale 7, NOP.
                Hex("45 00 0039 1234 4000 40 06 0000 C0000201 C0000202",
                    "D431 1762 01020304 A0B0C0D0 80 18 FFFF 0000 0000", "020405B4 0402 0101 030307 01",
                    PayloadHex),
                ExpectedIpv4(52)),
        });

    [Theory]
    [MemberData(nameof(ValidFrameNames))]
    public void TryDecode_ValidFrame_ReturnsEveryField(string name)
    {
        var (linkType, bytes, expected) = ValidFrames[name];

        var status = FrameDecoder.TryDecode(linkType, bytes, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(expected, segment);
        var payload = bytes.AsSpan(segment.PayloadOffset, segment.CapturedPayloadLength).ToArray();
        Assert.Equal(Payload, payload);
    }

    [Fact]
    public void TryDecode_QinQTaggedIpv4_ReturnsTcp()
    {
        var frame = Hex(EthernetAddresses, "88A8 00C8", "8100 0064", "0800", Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4(62), segment);
        Assert.True(segment.HasFlag(TcpFlags.Psh | TcpFlags.Ack));
    }

    [Fact]
    public void TryDecode_EthernetPadding_IsNotPayload()
    {
        // A segment with no payload is 54 bytes; Ethernet pads it to the 60-byte minimum.
        var frame = EthernetIpv4Tcp(payloadLength: 0).Concat(new byte[6]).ToArray();

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4(54, capturedLength: 0, wireLength: 0), segment);
    }

    [Fact]
    public void TryDecode_SnapLengthCut_CapturedShorterThanWire()
    {
        var frame = EthernetIpv4Tcp(payloadLength: 1400)[..96];

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4(54, capturedLength: 42, wireLength: 1400), segment);
    }

    [Fact]
    public void TryDecode_Ipv4TotalLengthZero_UsesCapturedLength()
    {
        // Captured before segmentation offload filled in the total length.
        var frame = Hex("45 00 0000 1234 4000 40 06 0000 C0000201 C0000202", TcpHeader, PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv4(40), segment);
    }

    [Fact]
    public void TryDecode_Ipv6PayloadLengthZero_UsesCapturedLength()
    {
        var frame = Hex(
            "60000000 0000 06 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            TcpHeader,
            PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Raw, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv6(60), segment);
    }

    [Fact]
    public void TryDecode_Ipv6AtomicFragment_ReturnsTcp()
    {
        // Payload length 33, next header Fragment; fragment header: next TCP, offset 0, M clear, id.
        var frame = Hex(
            "60000000 0021 2C 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            "06 00 0000 ABCDEF01",
            TcpHeader,
            PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Ipv6, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Tcp, status);
        Assert.Equal(ExpectedIpv6(68), segment);
    }

    [Theory]
    [InlineData("0001", FrameDecodeStatus.Fragment)] // offset 0, M set: first fragment
    [InlineData("0008", FrameDecodeStatus.Fragment)] // offset 1, M clear: last fragment
    public void TryDecode_Ipv6Fragment_ReturnsFragment(string offsetAndFlags, FrameDecodeStatus expected)
    {
        var frame = Hex(
            "60000000 0021 2C 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            "06 00", offsetAndFlags, "ABCDEF01",
            TcpHeader,
            PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Ipv6, frame, out _);

        Assert.Equal(expected, status);
    }

    [Fact]
    public void TryDecode_Ipv6FragmentOfUdp_ReturnsNotTcp()
    {
        var frame = Hex(
            "60000000 0010 2C 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            "11 00 0001 ABCDEF01",
            "D431 0035 0008 0000");

        var status = FrameDecoder.TryDecode(LinkType.Ipv6, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    [InlineData("3B")] // No Next Header
    [InlineData("32")] // ESP
    [InlineData("11")] // UDP
    [InlineData("3A")] // ICMPv6
    public void TryDecode_Ipv6OtherNextHeader_ReturnsNotTcp(string nextHeader)
    {
        var frame = Hex(
            "60000000 0008", nextHeader, "40",
            "20010DB8000000000000000000000001 20010DB8000000000000000000000002",
            "0000000000000000");

        var status = FrameDecoder.TryDecode(LinkType.Ipv6, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    [InlineData("2000")] // MF set, offset 0: first fragment
    [InlineData("0010")] // offset 16, MF clear: last fragment
    public void TryDecode_Ipv4Fragment_ReturnsFragment(string flagsAndOffset)
    {
        var frame = Hex(
            "45 00 002D 1234", flagsAndOffset, "40 06 0000 C0000201 C0000202", TcpHeader, PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Ipv4, frame, out _);

        Assert.Equal(FrameDecodeStatus.Fragment, status);
    }

    [Theory]
    [InlineData("11")] // UDP to port 5986, not a tunnel port
    [InlineData("01")] // ICMP
    [InlineData("32")] // ESP
    public void TryDecode_Ipv4OtherProtocol_ReturnsNotTcp(string protocol)
    {
        var frame = Hex(
            "45 00 002D 1234 4000 40", protocol, "0000 C0000201 C0000202", TcpHeader, PayloadHex);

        var status = FrameDecoder.TryDecode(LinkType.Ipv4, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    [InlineData("0806")] // ARP
    [InlineData("8863")] // PPPoE discovery
    [InlineData("05DC")] // 802.3 length 1500 (LLC follows)
    [InlineData("0026")] // 802.3 length 38
    public void TryDecode_EthernetNotIp_ReturnsNotTcp(string typeOrLength)
    {
        var frame = Hex(EthernetAddresses, typeOrLength, Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode(LinkType.Ethernet, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    [InlineData(LinkType.Null, "07000000")]
    [InlineData(LinkType.Null, "00000000")]
    [InlineData(LinkType.Loop, "02000000")] // AF_INET in the wrong byte order for Loop
    public void TryDecode_LoopbackOtherFamily_ReturnsNotTcp(LinkType linkType, string family)
    {
        var frame = Hex(family, Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode(linkType, frame, out _);

        Assert.Equal(FrameDecodeStatus.NotTcp, status);
    }

    [Theory]
    [InlineData(LinkType.Ipv4, Ipv6TcpPacket)]
    [InlineData(LinkType.Ipv6, Ipv4TcpPacket)]
    [InlineData(LinkType.Raw, "55" + "00002D1234400040060000C0000201C0000202" + TcpHeader)]
    [InlineData(LinkType.Raw, "44 00 002D 1234 4000 40 06 0000 C0000201 C0000202" + TcpHeader)] // IHL 4
    // Total length below the IPv4 header length.
    [InlineData(LinkType.Raw, "45 00 0010 1234 4000 40 06 0000 C0000201 C0000202" + TcpHeader)]
    // Total length too short for the TCP header.
    [InlineData(LinkType.Raw, "45 00 0020 1234 4000 40 06 0000 C0000201 C0000202" + TcpHeader)]
    [InlineData(LinkType.Raw, "45 00 0028 1234 4000 40 06 0000 C0000201 C0000202"
        + "D431 1762 01020304 A0B0C0D0 40 18 FFFF 0000 0000")] // data offset 4
    [InlineData(LinkType.Raw, "45 00 0028 1234 4000 40 06 0000 C0000201 C0000202"
        + "D431 1762 01020304 A0B0C0D0 F0 18 FFFF 0000 0000")] // data offset 15 beyond total length
    public void TryDecode_ImpossibleField_ReturnsMalformed(LinkType linkType, string hex)
    {
        var frame = Hex(hex);

        var status = FrameDecoder.TryDecode(linkType, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.Malformed, status);
        Assert.Equal(default, segment);
    }

    [Theory]
    [InlineData(LinkType.Null, Ipv6TcpPacket)]
    [InlineData(LinkType.Loop, Ipv4TcpPacket)]
    public void TryDecode_LoopbackFamilyAndIpVersionDisagree_ReturnsMalformed(
        LinkType linkType,
        string packet)
    {
        var family = packet == Ipv4TcpPacket ? "00000018" : "02000000";
        var frame = Hex(family, packet);

        var status = FrameDecoder.TryDecode(linkType, frame, out _);

        Assert.Equal(FrameDecodeStatus.Malformed, status);
    }

    [Theory]
    [InlineData(105u)] // IEEE 802.11
    [InlineData(127u)] // 802.11 radiotap
    [InlineData(uint.MaxValue)]
    public void TryDecode_UnknownLinkType_ReturnsUnsupportedLinkType(uint linkType)
    {
        var frame = Hex(Ipv4TcpPacket);

        var status = FrameDecoder.TryDecode((LinkType)linkType, frame, out var segment);

        Assert.Equal(FrameDecodeStatus.UnsupportedLinkType, status);
        Assert.Equal(default, segment);
    }

    private static Dictionary<string, (LinkType LinkType, byte[] Bytes, TcpSegment Expected)>
        WithTunnelFrames(Dictionary<string, (LinkType LinkType, byte[] Bytes, TcpSegment Expected)> frames)
    {
        foreach (var (name, linkType, bytes, expected) in TunnelFrames())
        {
            frames.Add(name, (linkType, bytes, expected));
        }
        return frames;
    }

    private static byte[] Ipv6ExtensionChain() => Hex(
        // IPv6: payload length 81, next header Hop-by-Hop.
        "60000000 0051 00 40 20010DB8000000000000000000000001 20010DB8000000000000000000000002",
        // Hop-by-Hop: next Destination Options, length 0 (8 bytes), PadN of 4.
        "3C 00 0104 00000000",
        // Destination Options: next Routing, length 0, PadN of 4.
        "2B 00 0104 00000000",
        // Routing: next AH, length 0, routing type 253 (experimental), segments left 0, 4 bytes data.
        "33 00 FD 00 00000000",
        // AH: next Fragment, payload length 4 ((4 + 2) * 4 = 24 bytes), reserved, SPI, sequence,
        // ICV(12).
        "2C 04 0000 00000100 00000001 000000000000000000000000",
        // Fragment (atomic): next TCP, reserved, offset 0 and M clear, identification.
        "06 00 0000 ABCDEF01",
        TcpHeader,
        PayloadHex);

    private static TcpSegment ExpectedIpv4(
        int payloadOffset,
        int capturedLength = 5,
        int wireLength = 5) =>
        Expected(ClientIpv4, ServerIpv4, payloadOffset, capturedLength, wireLength);

    private static TcpSegment ExpectedIpv6(int payloadOffset) =>
        Expected(ClientIpv6, ServerIpv6, payloadOffset, Payload.Length, Payload.Length);

    private static TcpSegment Expected(
        System.Net.IPAddress source,
        System.Net.IPAddress destination,
        int payloadOffset,
        int capturedLength,
        int wireLength) => new(
        new NetworkEndpoint(IpAddressValue.FromIPAddress(source), ClientPort),
        new NetworkEndpoint(IpAddressValue.FromIPAddress(destination), ServerPort),
        SequenceNumber,
        AcknowledgementNumber,
        TcpFlags.Psh | TcpFlags.Ack,
        payloadOffset,
        capturedLength,
        wireLength);
}
