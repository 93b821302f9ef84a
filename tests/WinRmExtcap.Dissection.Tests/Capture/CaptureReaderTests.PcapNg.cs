using WinRmExtcap.Dissection.Capture;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Capture.CaptureTestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>pcapng: sections, interfaces, packet block kinds, options and secrets.</summary>
public sealed partial class CaptureReaderTests
{
    // pcapng, little-endian: SHB, IDB (Ethernet, if_tsresol 6), EPB with one comment.
    private const string SmallPcapNg =
        "0A0D0D0A" // SHB block type
        + "1C000000" // block total length 28
        + "4D3C2B1A" // byte-order magic, little-endian
        + "0100" + "0000" // version 1.0
        + "FFFFFFFFFFFFFFFF" // section length unknown
        + "1C000000" // block total length 28
        + "01000000" // IDB block type
        + "1C000000" // block total length 28
        + "0100" + "0000" // link type 1 Ethernet, reserved
        + "00000400" // snaplen 262144
        + "0900" + "0100" + "06000000" // if_tsresol, length 1, 10^-6, padding
        + "1C000000" // block total length 28
        + "06000000" // EPB block type
        + "30000000" // block total length 48
        + "00000000" // interface 0
        + "00000000" + "E8030000" // timestamp high 0, low 1000 microseconds
        + "03000000" // captured length 3
        + "3C000000" // original length 60
        + "ABCDEF00" // data, padded to 4
        + "0100" + "0200" + "6869" + "0000" // opt_comment, length 2, "hi", padding
        + "0000" + "0000" // opt_endofopt
        + "30000000"; // block total length 48

    [Fact]
    public void TryReadNext_AnnotatedPcapNg_ReadsPacketAndComment()
    {
        using var reader = OpenBytes(Convert.FromHexString(SmallPcapNg));

        var status = reader.TryReadNext(out var packet);

        Assert.Equal(CaptureReadStatus.Packet, status);
        Assert.Equal(CaptureFileFormat.PcapNg, reader.Format);
        Assert.Equal(1_000_000, packet.TimestampNs);
        Assert.Equal(60, packet.OriginalLength);
        Assert.Equal(new byte[] { 0xAB, 0xCD, 0xEF }, packet.Data.ToArray());
        Assert.Equal(["hi"], packet.Comments);
        Assert.Equal(new CaptureInterface(0, LinkType.Ethernet, 262144, null, 1_000_000), reader.Interfaces[0]);
        Assert.Equal(CaptureReadStatus.EndOfCapture, reader.TryReadNext(out _));
    }

    [Fact]
    public void TryReadNext_TwoSectionsOfEitherByteOrder_NumbersInterfacesAcrossTheFile()
    {
        var file = new PcapNgBuilder()
            .Section(bigEndianSection: false)
            .Interface(linkType: 1, name: "eth0")
            .EnhancedPacket(0, 5_000_000, [1])
            .Section(bigEndianSection: true)
            .Interface(linkType: 101, snapLength: 96, name: "raw", resolution: 9)
            .Interface(linkType: 276, name: "any", resolution: 3)
            .EnhancedPacket(1, 7_000, [2, 2])
            .EnhancedPacket(0, 8, [3, 3, 3])
            .ToArray();

        using var reader = OpenBytes(file);
        var (packets, final) = ReadAll(reader);

        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(
            [
                new CaptureInterface(0, LinkType.Ethernet, 0, "eth0", 1_000_000),
                new CaptureInterface(1, LinkType.Raw, 96, "raw", 1_000_000_000),
                new CaptureInterface(2, LinkType.LinuxSll2, 0, "any", 1_000),
            ],
            reader.Interfaces);
        Assert.Equal([0, 2, 1], packets.Select(p => p.InterfaceId));
        Assert.Equal([LinkType.Ethernet, LinkType.LinuxSll2, LinkType.Raw], packets.Select(p => p.LinkType));
        Assert.Equal([5_000_000_000L, 7_000_000_000, 8], packets.Select(p => p.TimestampNs));
        Assert.Equal([1L, 2, 3], packets.Select(p => p.FrameNumber));
    }

    [Theory]
    [InlineData(6, 0, 1_234_567UL, 1_234_567_000L)] // microseconds, the default
    [InlineData(9, 0, 1_234_567UL, 1_234_567L)] // nanoseconds
    [InlineData(0, 0, 3UL, 3_000_000_000L)] // whole seconds
    [InlineData(12, 0, 1_234_567UL, 1_234L)] // picoseconds round toward zero
    [InlineData(19, 0, 18_000_000_000_000_000_001UL, 1_800_000_000L)] // the finest decimal that fits
    [InlineData(0x8A, 0, 1024UL + 512, 1_500_000_000L)] // 2^-10: one and a half seconds
    [InlineData(0x94, 0, 1UL, 953L)] // 2^-20: 953.67 ns rounds toward zero
    [InlineData(0xA0, 0, (1UL << 32) + (1UL << 31), 1_500_000_000L)] // 2^-32
    [InlineData(0xBF, 0, (1UL << 63) - 1, 999_999_999L)] // 2^-63: just under a second
    [InlineData(6, 1_600_000_000, 1UL, 1_600_000_000_000_001_000L)] // if_tsoffset adds seconds
    [InlineData(6, -10, 1UL, -9_999_999_000L)] // a negative offset goes before 1970
    [InlineData(6, 0, ulong.MaxValue, long.MaxValue)] // the year 586524 clamps
    [InlineData(9, long.MaxValue, 1UL, long.MaxValue)] // an absurd offset clamps
    [InlineData(9, long.MinValue, 1UL, long.MinValue)] // and in the past too
    public void TryReadNext_TimestampResolutionAndOffset_ConvertsToNanoseconds(
        byte resolution,
        long offsetSeconds,
        ulong ticks,
        long expectedNs)
    {
        var file = new PcapNgBuilder()
            .Section()
            .Interface(linkType: 1, resolution: resolution, offsetSeconds: offsetSeconds)
            .EnhancedPacket(0, ticks, [0])
            .ToArray();

        var (packets, _) = ReadAll(file);

        Assert.Equal(expectedNs, Assert.Single(packets).TimestampNs);
    }

    [Fact]
    public void TryReadNext_ResolutionBeyondSixtyFourBits_ReturnsDamaged()
    {
        var file = new PcapNgBuilder().Section().Interface(linkType: 1, resolution: 20).ToArray();
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal("interface 0 has timestamp resolution 10^-20, too fine for 64-bit ticks", reader.DamageReason);
    }

    [Theory]
    [InlineData(4U, 10U, 4)] // snap length cuts the packet
    [InlineData(0U, 10U, 10)] // no snap length: all of it
    [InlineData(64U, 10U, 10)] // snap length above the packet
    public void TryReadNext_SimplePacketBlock_CapturesMinOfSnapAndOriginalLength(
        uint snapLength,
        uint originalLength,
        int expectedCaptured)
    {
        var data = Enumerable.Range(1, expectedCaptured).Select(i => (byte)i).ToArray();
        var file = new PcapNgBuilder()
            .Section()
            .Interface(linkType: 0, snapLength: snapLength)
            .SimplePacket(originalLength, data)
            .ToArray();

        var (packets, final) = ReadAll(file);

        var packet = Assert.Single(packets);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(data, packet.Data);
        Assert.Equal((int)originalLength, packet.OriginalLength);
        Assert.Equal(LinkType.Null, packet.LinkType);
    }

    [Fact]
    public void TryReadNext_SimplePacketInSecondSection_BelongsToThatSectionsFirstInterface()
    {
        var file = new PcapNgBuilder()
            .Section().Interface(linkType: 1)
            .Section(bigEndianSection: true).Interface(linkType: 113).Interface(linkType: 1)
            .SimplePacket(2, [9, 9])
            .ToArray();

        var (packets, _) = ReadAll(file);

        Assert.Equal(1, Assert.Single(packets).InterfaceId);
        Assert.Equal(LinkType.LinuxSll, packets[0].LinkType);
    }

    [Fact]
    public void TryReadNext_ObsoletePacketBlock_ReadsLikeEnhanced()
    {
        var file = new PcapNgBuilder()
            .Section(bigEndianSection: true)
            .Interface(linkType: 1)
            .Interface(linkType: 101)
            .ObsoletePacket(1, 2_000_001, [4, 5, 6, 7, 8], "old block")
            .ToArray();

        var (packets, final) = ReadAll(file);

        var packet = Assert.Single(packets);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(1, packet.InterfaceId);
        Assert.Equal(LinkType.Raw, packet.LinkType);
        Assert.Equal(2_000_001_000, packet.TimestampNs);
        Assert.Equal(new byte[] { 4, 5, 6, 7, 8 }, packet.Data);
        Assert.Equal(["old block"], packet.Comments);
    }

    [Fact]
    public void TryReadNext_UnknownAndUnusedBlocks_SkipsThem()
    {
        var file = new PcapNgBuilder()
            .Section()
            .Block(0x0000_0BAD, [1, 2, 3, 4]) // unknown type
            .Interface(linkType: 1)
            .Block(0x0000_0004, [0, 0, 0, 0]) // Name Resolution Block, just the end record
            .EnhancedPacket(0, 1, [1])
            .Block(0x0000_0005, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) // Interface Statistics Block
            .Block(0x4000_0BAD, []) // a local-use type with an empty body
            .EnhancedPacket(0, 2, [2])
            .ToArray();

        var (packets, final) = ReadAll(file);

        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal([1L, 2], packets.Select(p => p.FrameNumber));
    }

    [Fact]
    public void TryReadNext_DecryptionSecretsBlock_ExposesTheKeyLog()
    {
        var keyLog = "CLIENT_RANDOM 0102 0304\n"u8.ToArray();
        var file = new PcapNgBuilder()
            .Section()
            .DecryptionSecrets(DecryptionSecrets.TlsKeyLog, keyLog)
            .Interface(linkType: 1)
            .EnhancedPacket(0, 1, [1])
            .ToArray();

        using var reader = OpenBytes(file);
        var (_, final) = ReadAll(reader);

        var secrets = Assert.Single(reader.Secrets);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(0x544C534BU, secrets.SecretsType);
        Assert.Equal(keyLog, secrets.Data);
    }

    [Fact]
    public void TryReadNext_SeveralComments_ReturnsEachAsUtf8()
    {
        string[] comments = ["winrm-cert: subject=\"CN=host\" a=b", "größe ✓", ""];
        var file = new PcapNgBuilder()
            .Section(bigEndianSection: true)
            .Interface(linkType: 1)
            .EnhancedPacket(0, 1, [1], 60, comments)
            .ToArray();

        var (packets, _) = ReadAll(file);

        Assert.Equal(comments, Assert.Single(packets).Comments);
    }

    [Fact]
    public void TryReadNext_CommentWithNulAndLeftoverBytes_EndsAtTheNul()
    {
        var body = Convert.FromHexString(
            "00000000" // interface 0
            + "00000000" + "01000000" // timestamp 1
            + "01000000" + "01000000" // captured and original length 1
            + "AA000000" // data + padding
            + "0100" + "0700" + "6869004D0CD400" + "00" // opt_comment, length 7: "hi", NUL, leftovers
            + "0000" + "0000"); // opt_endofopt
        var file = new PcapNgBuilder().Section().Interface(linkType: 1).Block(6, body).ToArray();

        var (packets, _) = ReadAll(file);

        Assert.Equal(["hi"], Assert.Single(packets).Comments);
    }

    [Fact]
    public void TryReadNext_InterfaceOutsideTheSection_ReturnsDamaged()
    {
        var file = new PcapNgBuilder()
            .Section().Interface(linkType: 1).Interface(linkType: 1)
            .Section().Interface(linkType: 1)
            .EnhancedPacket(1, 1, [1])
            .ToArray();
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal("packet 1 refers to interface 1, but its section has described 1", reader.DamageReason);
    }

    [Fact]
    public void TryReadNext_SimplePacketWithoutInterface_ReturnsDamaged()
    {
        var file = new PcapNgBuilder().Section().SimplePacket(1, [1]).ToArray();
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal("packet 1 is a simple packet block before any interface description", reader.DamageReason);
    }

    [Fact]
    public void TryReadNext_EnhancedPacketAboveTheCap_ReturnsDamaged()
    {
        var file = new PcapNgBuilder()
            .Section()
            .Interface(linkType: 1)
            .EnhancedPacket(0, 1, new byte[CaptureReader.MaxCapturedLength + 4])
            .ToArray();
        using var reader = OpenBytes(file);

        var status = reader.TryReadNext(out _);

        Assert.Equal(CaptureReadStatus.Damaged, status);
        Assert.Equal(
            "packet 1 claims 16777220 captured bytes, more than the 16777216 this reader accepts",
            reader.DamageReason);
    }
}
