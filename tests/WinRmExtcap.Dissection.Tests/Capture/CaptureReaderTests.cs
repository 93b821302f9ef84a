using System.IO.Compression;
using WinRmExtcap.Dissection.Capture;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Capture.CaptureTestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>
/// Classic pcap, format detection, gzip and streams; pcapng, damage and real captures follow in
/// the other parts of this class.
/// </summary>
public sealed partial class CaptureReaderTests
{
    // pcap, microseconds, little-endian: one 4-byte Ethernet packet captured from 60.
    private const string PcapMicroLittleEndian =
        "D4C3B2A1" // magic A1B2C3D4 as little-endian bytes: microseconds
        + "0200" + "0400" // version 2.4
        + "00000000" + "00000000" // reserved (thiszone, sigfigs)
        + "FFFF0000" // snaplen 65535
        + "01000000" // link type 1, Ethernet
        + "E8030000" // ts_sec 1000
        + "40E20100" // ts_usec 123456
        + "04000000" // captured length 4
        + "3C000000" // original length 60
        + "DEADBEEF"; // packet data

    // pcap, microseconds, big-endian: the same packet.
    private const string PcapMicroBigEndian =
        "A1B2C3D4" // magic, big-endian: microseconds
        + "0002" + "0004" // version 2.4
        + "00000000" + "00000000" // reserved
        + "0000FFFF" // snaplen 65535
        + "00000001" // link type 1, Ethernet
        + "000003E8" // ts_sec 1000
        + "0001E240" // ts_usec 123456
        + "00000004" // captured length 4
        + "0000003C" // original length 60
        + "DEADBEEF"; // packet data

    // pcap, nanoseconds, little-endian: 1000.123456789 s.
    private const string PcapNanoLittleEndian =
        "4D3CB2A1" // magic A1B23C4D as little-endian bytes: nanoseconds
        + "0200" + "0400" // version 2.4
        + "00000000" + "00000000" // reserved
        + "FFFF0000" // snaplen 65535
        + "01000000" // link type 1, Ethernet
        + "E8030000" // ts_sec 1000
        + "15CD5B07" // ts_nsec 123456789
        + "04000000" // captured length 4
        + "3C000000" // original length 60
        + "DEADBEEF"; // packet data

    // pcap, nanoseconds, big-endian: 1000.123456789 s.
    private const string PcapNanoBigEndian =
        "A1B23C4D" // magic, big-endian: nanoseconds
        + "0002" + "0004" // version 2.4
        + "00000000" + "00000000" // reserved
        + "0000FFFF" // snaplen 65535
        + "00000001" // link type 1, Ethernet
        + "000003E8" // ts_sec 1000
        + "075BCD15" // ts_nsec 123456789
        + "00000004" // captured length 4
        + "0000003C" // original length 60
        + "DEADBEEF"; // packet data

    // A second little-endian microsecond record: latest possible second, 999999 us, 1 byte of 1.
    private const string SecondMicroRecord =
        "FFFFFFFF" // ts_sec 4294967295 (unsigned)
        + "3F420F00" // ts_usec 999999
        + "01000000" // captured length 1
        + "01000000" // original length 1
        + "AA"; // packet data

    public static TheoryData<string, long> PcapFlavours => new()
    {
        { PcapMicroLittleEndian, 1000_123456000 },
        { PcapMicroBigEndian, 1000_123456000 },
        { PcapNanoLittleEndian, 1000_123456789 },
        { PcapNanoBigEndian, 1000_123456789 },
    };

    [Theory]
    [MemberData(nameof(PcapFlavours))]
    public void TryReadNext_EveryPcapFlavour_ReadsThePacket(string hex, long expectedTimestampNs)
    {
        using var reader = OpenBytes(Convert.FromHexString(hex));

        var status = reader.TryReadNext(out var packet);

        Assert.Equal(CaptureReadStatus.Packet, status);
        Assert.Equal(CaptureFileFormat.Pcap, reader.Format);
        Assert.Equal(1, packet.FrameNumber);
        Assert.Equal(0, packet.InterfaceId);
        Assert.Equal(LinkType.Ethernet, packet.LinkType);
        Assert.Equal(expectedTimestampNs, packet.TimestampNs);
        Assert.Equal(60, packet.OriginalLength);
        Assert.Equal(Convert.FromHexString("DEADBEEF"), packet.Data.ToArray());
        Assert.Empty(packet.Comments);
        Assert.Equal(CaptureReadStatus.EndOfCapture, reader.TryReadNext(out _));
        Assert.Equal(CaptureReadStatus.EndOfCapture, reader.TryReadNext(out _));
    }

    [Fact]
    public void Open_Pcap_DescribesItsOneInterface()
    {
        using var reader = OpenBytes(Convert.FromHexString(PcapNanoBigEndian));

        var only = Assert.Single(reader.Interfaces);

        Assert.Equal(new CaptureInterface(0, LinkType.Ethernet, 65535, null, 1_000_000_000), only);
    }

    [Fact]
    public void TryReadNext_UnsignedSecondsAndFullMicroseconds_ConvertsExactly()
    {
        var file = Convert.FromHexString(PcapMicroLittleEndian + SecondMicroRecord);

        var (packets, final) = ReadAll(file);

        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(2, packets.Count);
        Assert.Equal((4294967295L * 1_000_000_000) + 999_999_000, packets[1].TimestampNs);
        Assert.Equal(2, packets[1].FrameNumber);
        Assert.Equal(new byte[] { 0xAA }, packets[1].Data);
    }

    [Theory]
    [InlineData("01000000", LinkType.Ethernet)] // plain Ethernet
    [InlineData("01000014", LinkType.Ethernet)] // FCS length 1 (x 16 bits) and its flag above bit 26
    [InlineData("0C000000", LinkType.Raw)] // DLT_RAW on most BSDs
    [InlineData("0E000000", LinkType.Raw)] // DLT_RAW on OpenBSD
    [InlineData("14010000", LinkType.LinuxSll2)] // 276
    [InlineData("93000000", (LinkType)147)] // a user link type stays numeric
    public void Open_PcapLinkTypeField_MapsTheLinkType(string linkTypeField, LinkType expected)
    {
        var file = Convert.FromHexString(PcapMicroLittleEndian.Replace("01000000E803", linkTypeField + "E803"));

        using var reader = OpenBytes(file);

        Assert.Equal(expected, reader.Interfaces[0].LinkType);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsNamingIt()
    {
        var error = Assert.Throws<CaptureFormatException>(() => OpenBytes([]));

        Assert.Equal("empty file", error.Message);
    }

    [Fact]
    public void Open_HtmlFile_ThrowsWithTheFirstBytes()
    {
        var file = "<html><body>not a capture</body></html>"u8.ToArray();

        var error = Assert.Throws<CaptureFormatException>(() => OpenBytes(file));

        Assert.Equal("not a pcap or pcapng file (starts with 3C 68 74 6D)", error.Message);
    }

    [Fact]
    public void Open_NotCapture_DisposesTheStream()
    {
        var stream = new ForwardOnlyStream(new MemoryStream("text"u8.ToArray()));

        Assert.Throws<CaptureFormatException>(() => CaptureReader.Open(stream, "text"));

        Assert.True(stream.WasDisposed);
    }

    [Fact]
    public void Open_MissingFile_ThrowsFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.pcap");

        Assert.Throws<FileNotFoundException>(() => CaptureReader.Open(path));
    }

    [Fact]
    public void Open_FileOnDisk_ReportsLengthAndProgress()
    {
        var file = Convert.FromHexString(PcapMicroLittleEndian + SecondMicroRecord);
        var path = Path.GetTempFileName();
        File.WriteAllBytes(path, file);

        try
        {
            using var reader = CaptureReader.Open(path);
            var (packets, _) = ReadAll(reader);

            Assert.Equal(path, reader.DisplayName);
            Assert.Equal(file.Length, reader.TotalBytes);
            Assert.Equal(file.Length, reader.BytesRead);
            Assert.Equal(2, packets.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Open_GzipCompressedPcap_ReadsInsideAndCountsCompressedBytes()
    {
        var compressed = Gzip(Convert.FromHexString(PcapMicroBigEndian));

        using var reader = OpenBytes(compressed);
        var (packets, final) = ReadAll(reader);

        Assert.True(reader.WasGzipCompressed);
        Assert.Equal(CaptureFileFormat.Pcap, reader.Format);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(1000_123456000, Assert.Single(packets).TimestampNs);
        Assert.Equal(compressed.Length, reader.BytesRead);
        Assert.Equal(compressed.Length, reader.TotalBytes);
    }

    [Fact]
    public void Open_GzipOfText_ThrowsSayingInsideGzip()
    {
        var compressed = Gzip("<html>"u8.ToArray());

        var error = Assert.Throws<CaptureFormatException>(() => OpenBytes(compressed));

        Assert.Equal("not a pcap or pcapng file inside the gzip data (starts with 3C 68 74 6D)", error.Message);
    }

    [Fact]
    public void Open_GzipOfNothing_ThrowsEmpty()
    {
        var compressed = Convert.FromHexString(
            "1F8B" // gzip magic
            + "08" // compression method: deflate
            + "00" // flags: none
            + "00000000" // modification time: none
            + "00" + "03" // extra flags, operating system Unix
            + "0300" // deflate: one final fixed-Huffman block holding only end-of-block
            + "00000000" // CRC-32 of nothing
            + "00000000"); // uncompressed size 0

        var error = Assert.Throws<CaptureFormatException>(() => OpenBytes(compressed));

        Assert.Equal("empty file inside the gzip data", error.Message);
    }

    [Fact]
    public void TryReadNext_ForwardOnlyStreamInSmallPieces_ReadsLikeAFile()
    {
        var file = Convert.FromHexString(PcapMicroLittleEndian + SecondMicroRecord);
        var pipe = new ForwardOnlyStream(new MemoryStream(Gzip(file)), maxReadLength: 3);

        using var reader = CaptureReader.Open(pipe, "standard input");
        var (packets, final) = ReadAll(reader);

        Assert.Null(reader.TotalBytes);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(ReadAll(file).Packets, packets, PacketComparer.Instance);
    }

    [Fact]
    public void TryReadNext_PacketLargerThanTheInitialBuffer_GrowsAndReadsIt()
    {
        var data = new byte[(3 * 1024 * 1024) + 5];
        new Random(7).NextBytes(data);
        var file = new PcapNgBuilder()
            .Section()
            .Interface(linkType: 1)
            .EnhancedPacket(0, 1, data)
            .EnhancedPacket(0, 2, [1, 2, 3])
            .ToArray();

        var (packets, final) = ReadAll(file);

        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(data, packets[0].Data);
        Assert.Equal(new byte[] { 1, 2, 3 }, packets[1].Data);
    }

    [Fact]
    public void Dispose_OwnedStream_DisposesIt()
    {
        var stream = new ForwardOnlyStream(new MemoryStream(Convert.FromHexString(PcapMicroLittleEndian)));
        var reader = CaptureReader.Open(stream, "test");

        reader.Dispose();

        Assert.True(stream.WasDisposed);
    }

    private static byte[] Gzip(byte[] content)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(content);
        }
        return compressed.ToArray();
    }
}
