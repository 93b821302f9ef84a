using System.Text.Json;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.TestSupport;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Capture.CaptureTestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

public sealed class PcapNgWriterTests
{
    // Section Header Block with shb_userappl "app".
    private const string SectionHeaderWithApplication =
        "0A0D0D0A" // block type SHB
        + "28000000" // block total length 40
        + "4D3C2B1A" // byte-order magic, little-endian
        + "0100" + "0000" // version 1.0
        + "FFFFFFFFFFFFFFFF" // section length -1: not known
        + "0400" + "0300" + "61707000" // shb_userappl, length 3, "app" + padding
        + "0000" + "0000" // opt_endofopt
        + "28000000"; // block total length 40

    // Interface Description Block: Linux SLL2, snaplen 65535, if_name "any", if_tsresol 10^-6.
    private const string InterfaceAnyMicroseconds =
        "01000000" // block type IDB
        + "28000000" // block total length 40
        + "1401" + "0000" // link type 276 (Linux SLL2), reserved
        + "FFFF0000" // snaplen 65535
        + "0200" + "0300" + "616E7900" // if_name, length 3, "any" + padding
        + "0900" + "0100" + "06000000" // if_tsresol, length 1, 10^-6 + padding
        + "0000" + "0000" // opt_endofopt
        + "28000000"; // block total length 40

    // Enhanced Packet Block on interface 0 at 1.5 s in microseconds, 3 of 60 bytes, comment "a=b".
    private const string EnhancedPacketWithComment =
        "06000000" // block type EPB
        + "30000000" // block total length 48
        + "00000000" // interface 0
        + "00000000" + "60E31600" // timestamp high 0, low 1500000 microseconds
        + "03000000" // captured length 3
        + "3C000000" // original length 60
        + "01020300" // data + padding
        + "0100" + "0300" + "613D6200" // opt_comment, length 3, "a=b" + padding
        + "0000" + "0000" // opt_endofopt
        + "30000000"; // block total length 48

    [Fact]
    public void Constructor_WithApplication_WritesSectionHeaderBlock()
    {
        var output = new MemoryStream();

        using (new PcapNgWriter(output, "app", leaveOpen: true))
        {
        }

        Assert.Equal(SectionHeaderWithApplication, Convert.ToHexString(output.ToArray()));
    }

    [Fact]
    public void AddInterface_NameAndResolution_WritesInterfaceDescriptionBlock()
    {
        var output = new MemoryStream();
        using var writer = new PcapNgWriter(output, "app", leaveOpen: true);

        int id = writer.AddInterface(LinkType.LinuxSll2, 65535, "any", timestampResolutionDecimalDigits: 6);
        writer.Flush();

        Assert.Equal(0, id);
        Assert.Equal(SectionHeaderWithApplication + InterfaceAnyMicroseconds, Convert.ToHexString(output.ToArray()));
    }

    [Fact]
    public void WritePacket_WithComment_WritesEnhancedPacketBlock()
    {
        var output = new MemoryStream();
        using var writer = new PcapNgWriter(output, "app", leaveOpen: true);
        writer.AddInterface(LinkType.LinuxSll2, 65535, "any", timestampResolutionDecimalDigits: 6);

        writer.WritePacket(0, 1_500_000_999, 60, [1, 2, 3], ["a=b"]);
        writer.Flush();

        Assert.Equal(
            SectionHeaderWithApplication + InterfaceAnyMicroseconds + EnhancedPacketWithComment,
            Convert.ToHexString(output.ToArray()));
    }

    [Fact]
    public void WritePacket_ReadBackByCaptureReader_KeepsEveryField()
    {
        var output = new MemoryStream();
        using (var writer = new PcapNgWriter(output, leaveOpen: true))
        {
            int ethernet = writer.AddInterface(LinkType.Ethernet, 0, "eth0");
            int loopback = writer.AddInterface(LinkType.Null, 262144, null, 3);
            writer.WritePacket(ethernet, 1_700_000_000_123_456_789, 100, [1, 2, 3, 4, 5]);
            writer.WritePacket(loopback, 1_700_000_000_123_456_789, 4, [9, 8, 7, 6], ["x", "y \"z\""]);
        }

        output.Position = 0;
        using var reader = CaptureReader.Open(output, "written");
        var (packets, final) = ReadAll(reader);

        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(
            [
                new PacketCopy(1, 0, LinkType.Ethernet, 1_700_000_000_123_456_789, 100, [1, 2, 3, 4, 5], []),
                new PacketCopy(2, 1, LinkType.Null, 1_700_000_000_123_000_000, 4, [9, 8, 7, 6], ["x", "y \"z\""]),
            ],
            packets,
            PacketComparer.Instance);
        Assert.Equal("eth0", reader.Interfaces[0].Name);
        Assert.Equal(1_000UL, reader.Interfaces[1].TicksPerSecond);
    }

    [Fact]
    public void WritePacket_ToAPipe_NeverSeeks()
    {
        var inner = new MemoryStream();
        var pipe = new ForwardOnlyStream(inner);

        using (var writer = new PcapNgWriter(pipe))
        {
            writer.AddInterface(LinkType.Raw, 65535);
            writer.WritePacket(0, 1, 1, [0x45]);
            writer.Flush();
        }

        Assert.True(pipe.WasDisposed);
        Assert.Single(ReadAll(inner.ToArray()).Packets);
    }

    [Fact]
    public void Dispose_LeaveOpen_KeepsTheStreamUsable()
    {
        var output = new MemoryStream();

        new PcapNgWriter(output, leaveOpen: true).Dispose();

        Assert.True(output.CanWrite);
    }

    [Fact]
    public void WritePacket_UnknownInterface_Throws()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        writer.AddInterface(LinkType.Ethernet, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(1, 0, 1, [1]));
    }

    [Fact]
    public void WritePacket_OriginalShorterThanCaptured_Throws()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        writer.AddInterface(LinkType.Ethernet, 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(0, 0, 1, [1, 2]));
    }

    [Fact]
    public void WritePacket_CommentLongerThanAnOption_Throws()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        writer.AddInterface(LinkType.Ethernet, 0);

        Assert.Throws<ArgumentException>(() => writer.WritePacket(0, 0, 1, [1], [new string('x', 65536)]));
    }

    [Fact]
    public void AddInterface_ResolutionFinerThanNanoseconds_Throws()
    {
        using var writer = new PcapNgWriter(new MemoryStream());

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddInterface(LinkType.Ethernet, 0, null, 10));
    }

    [RequiresFact("tshark")]
    public void WritePacket_ReadByTshark_ShowsPacketsAndComments()
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "out.pcapng");
        string[] tricky = ["winrm-cert: subject=\"CN=host\" status=expired", "größe ✓ 证书", "a = b"];
        var frame = Convert.FromHexString(
            "000000000000" + "000000000000" + "0800" // Ethernet: destination, source, IPv4
            + "4500001C00000000400600007F0000017F000001" // IPv4 header, TCP, 127.0.0.1 to itself
            + "0000000000000000"); // 8 bytes of payload

        using (var writer = new PcapNgWriter(File.Create(path), "WinRmExtcap tests"))
        {
            int micro = writer.AddInterface(LinkType.Ethernet, 65535, "eth0", 6);
            int nano = writer.AddInterface(LinkType.Ethernet, 65535, "eth1", 9);
            writer.WritePacket(micro, 1_600_000_000_654_321_000, 1514, frame);
            writer.WritePacket(nano, 1_600_000_001_000_000_007, frame.Length, frame, tricky);
            writer.WritePacket(micro, 1_600_000_002_000_001_000, frame.Length, frame, ["only one"]);
        }
        var result = ProcessRunner.Run("tshark", [
            "-n", "-r", path, "-T", "json",
            "-e", "frame.number", "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.comment",
        ]);

        Assert.Equal(0, result.ExitCode);
        var frames = JsonDocument.Parse(result.StandardOutput).RootElement.EnumerateArray()
            .Select(f => f.GetProperty("_source").GetProperty("layers"))
            .Select(layers => (
                Number: Field(layers, "frame.number").Single(),
                Time: Field(layers, "frame.time_epoch").Single(),
                Length: Field(layers, "frame.len").Single(),
                Comments: Field(layers, "frame.comment")))
            .ToList();
        Assert.Equal(3, frames.Count);
        Assert.Equal(["1", "2", "3"], frames.Select(f => f.Number));
        Assert.Equal(
            ["1600000000.654321000", "1600000001.000000007", "1600000002.000001000"],
            frames.Select(f => f.Time));
        Assert.Equal(["1514", $"{frame.Length}", $"{frame.Length}"], frames.Select(f => f.Length));
        Assert.Empty(frames[0].Comments);
        Assert.Equal(tricky, frames[1].Comments);
        Assert.Equal(["only one"], frames[2].Comments);
    }

    private static string[] Field(JsonElement layers, string name) =>
        layers.TryGetProperty(name, out var values)
            ? values.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToArray()
            : [];
}
