using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using ScratchFolder = WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder;

namespace WinRmCerts.Tests.Annotate;

/// <summary>
/// <c>winrm-certs annotate</c> on real captures, read back with tshark: our comments sit on the
/// frames that complete a Certificate message, after the comments the frames had, and every
/// frame keeps its interface, link type, lengths, timestamp and bytes.
/// </summary>
public sealed class AnnotateCommandTests : IClassFixture<RenewalCaptureFixture>
{
    private const int EthernetHeaderLength = 14;
    private const int RawInterfaceSnapLength = 65_535;
    private const byte MicrosecondDigits = 6;
    private const long NanosecondsPerMicrosecond = 1_000;
    private const string AnalystComment = "analyst: handshake of interest";
    private const string FirstFrameComment = "analyst: first frame";
    private const string SecondAnalystComment = "second note, with a comma";

    private readonly RenewalCaptureFixture fixture;

    public AnnotateCommandTests(RenewalCaptureFixture fixture) => this.fixture = fixture;

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public void Annotate_RenewalCapture_CommentsOnCertificateFramesOnly()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = fixture.Capture.CapturePath;
        var output = Path.Combine(folder.FullPath, "annotated.pcapng");

        var (code, stdout, stderr) = Annotate(input, output);

        Assert.Equal(ExitCode.Success, code);
        Assert.Equal(string.Empty, stderr);
        Assert.Contains("comments added", stdout, StringComparison.Ordinal);
        var certificateFrames = Tshark.FrameNumbers(input, "tls.handshake.certificate");
        var comments = TsharkFrames.Comments(output);
        Assert.Equal(certificateFrames, comments.Keys.Order());
        var messages = fixture.Capture.CertificateMessages;
        Assert.Equal(messages.Count, certificateFrames.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var frameComments = comments[certificateFrames[i]];
            Assert.Equal(messages[i].Count, frameComments.Count);
            for (var j = 0; j < messages[i].Count; j++)
            {
                Assert.StartsWith(CertificateComment.Prefix, frameComments[j], StringComparison.Ordinal);
                Assert.Contains("thumbprint=" + messages[i][j].Thumbprint, frameComments[j], StringComparison.Ordinal);
            }
        }
        var original = fixture.Capture.ServerCertificates[0].Thumbprint;
        var renewed = fixture.Capture.ServerCertificates[1].Thumbprint;
        var firstRenewed = certificateFrames[messages.Count / 2];
        Assert.Contains($"thumbprint={renewed}", comments[firstRenewed][0], StringComparison.Ordinal);
        Assert.Contains($"changed_from={original}", comments[firstRenewed][0], StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public void Annotate_RenewalCapture_EveryFrameUnchanged()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = fixture.Capture.CapturePath;
        var output = Path.Combine(folder.FullPath, "annotated.pcapng");

        var (code, _, _) = Annotate(input, output);

        Assert.Equal(ExitCode.Success, code);
        Assert.Equal(TsharkFrames.Metadata(input), TsharkFrames.Metadata(output));
        Assert.Equal(TsharkFrames.Bytes(input), TsharkFrames.Bytes(output));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public void Annotate_TwoInterfacesWithComments_KeepsInterfacesAndPutsExistingCommentsFirst()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = Path.Combine(folder.FullPath, "two-interfaces.pcapng");
        var certificateFrame = Tshark.FrameNumbers(fixture.Capture.CapturePath, "tls.handshake.certificate")[0];
        WriteTwoInterfaceCopy(fixture.Capture.CapturePath, input, certificateFrame);
        var output = Path.Combine(folder.FullPath, "annotated.pcapng");

        var (code, _, _) = Annotate(input, output);

        Assert.Equal(ExitCode.Success, code);
        Assert.Equal(TsharkFrames.Metadata(input), TsharkFrames.Metadata(output));
        Assert.Equal(TsharkFrames.Bytes(input), TsharkFrames.Bytes(output));
        var comments = TsharkFrames.Comments(output);
        Assert.Equal([FirstFrameComment], comments[1]);
        var onCertificate = comments[certificateFrame];
        Assert.Equal(AnalystComment, onCertificate[0]);
        Assert.Equal(SecondAnalystComment, onCertificate[1]);
        Assert.All(onCertificate.Skip(2),
            comment => Assert.StartsWith(CertificateComment.Prefix, comment, StringComparison.Ordinal));
        Assert.Equal(2 + fixture.Capture.CertificateMessages[0].Count, onCertificate.Count);
        var interfaceIds = TsharkFrames.Metadata(output).Select(line => line.Split('\t')[0]).Distinct().Order();
        Assert.Equal(["0", "1"], interfaceIds);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public void Annotate_AnnotatedCapture_AddsNoCommentTwice()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var once = Path.Combine(folder.FullPath, "once.pcapng");
        var twice = Path.Combine(folder.FullPath, "twice.pcapng");
        Assert.Equal(ExitCode.Success, Annotate(fixture.Capture.CapturePath, once).Code);

        var (code, stdout, _) = Annotate(once, twice);

        Assert.Equal(ExitCode.Success, code);
        Assert.Contains(" 0 comments added", stdout, StringComparison.Ordinal);
        Assert.Equal(TsharkFrames.Comments(once), TsharkFrames.Comments(twice));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public void Annotate_TruncatedCapture_KeepsPacketsBeforeWarnsAndExitsDamaged()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var whole = File.ReadAllBytes(fixture.Capture.CapturePath);
        var input = Path.Combine(folder.FullPath, "cut.pcap");
        File.WriteAllBytes(input, whole[..(whole.Length - 10)]);
        var output = Path.Combine(folder.FullPath, "annotated.pcapng");

        var (code, _, stderr) = Annotate(input, output);

        Assert.Equal(ExitCode.InputDamaged, code);
        Assert.StartsWith($"winrm-certs: warning: {input}: ", stderr, StringComparison.Ordinal);
        Assert.Contains("kept what came before", stderr, StringComparison.Ordinal);
        var tsharkFrames = Tshark.Run(input, "frame", ["frame.number"]).StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tsharkFrames.Length, TsharkFrames.Metadata(output).Count);
        Assert.Equal(["annotated.pcapng", "cut.pcap"],
            Directory.GetFiles(folder.FullPath).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Annotate_OutputIsInput_RefusesAndLeavesInputAlone()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = Path.Combine(folder.FullPath, "capture.pcapng");
        WriteEmptyCapture(input);
        var before = File.ReadAllBytes(input);
        var link = Path.Combine(folder.FullPath, "link.pcapng");
        File.CreateSymbolicLink(link, input);

        var direct = Annotate(input, Path.Combine(folder.FullPath, ".", "capture.pcapng"));
        var throughLink = Annotate(input, link);

        Assert.Equal(ExitCode.InputError, direct.Code);
        Assert.Equal(ExitCode.InputError, throughLink.Code);
        Assert.EndsWith("the output must not be the input file" + Environment.NewLine, direct.Stderr,
            StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(2, Directory.GetFileSystemEntries(folder.FullPath).Length);
    }

    [Fact]
    public void Annotate_MissingInput_ExitsInputErrorAndWritesNothing()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = Path.Combine(folder.FullPath, "missing.pcap");

        var (code, stdout, stderr) = Annotate(input, Path.Combine(folder.FullPath, "out.pcapng"));

        Assert.Equal(ExitCode.InputError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Equal($"winrm-certs: {input}: no such file" + Environment.NewLine, stderr);
        Assert.Empty(Directory.GetFileSystemEntries(folder.FullPath));
    }

    [Fact]
    public void Annotate_NotACapture_ExitsInputErrorAndWritesNothing()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = Path.Combine(folder.FullPath, "notes.txt");
        File.WriteAllText(input, "not a capture at all");

        var (code, _, stderr) = Annotate(input, Path.Combine(folder.FullPath, "out.pcapng"));

        Assert.Equal(ExitCode.InputError, code);
        Assert.StartsWith($"winrm-certs: {input}: not a pcap or pcapng file", stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFileSystemEntries(folder.FullPath));
    }

    [Fact]
    public void Annotate_OutputFolderMissing_ExitsInputErrorAndLeavesNoTemporaryFile()
    {
        using var folder = new ScratchFolder("winrm-certs-tests");
        var input = Path.Combine(folder.FullPath, "capture.pcapng");
        WriteEmptyCapture(input);
        var output = Path.Combine(folder.FullPath, "missing", "out.pcapng");

        var (code, stdout, stderr) = Annotate(input, output);

        Assert.Equal(ExitCode.InputError, code);
        Assert.Equal(string.Empty, stdout);
        Assert.StartsWith($"winrm-certs: {output}: cannot write: ", stderr, StringComparison.Ordinal);
        Assert.Equal([input], Directory.GetFileSystemEntries(folder.FullPath));
    }

    private static (ExitCode Code, string Stdout, string Stderr) Annotate(string input, string output)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = AnnotateCommand.Run(input, output, new AnnotationOptions(),
            new CommandOutput(stdout, stderr, ErrorIsTerminal: false), NullLoggerFactory.Instance);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void WriteEmptyCapture(string path)
    {
        using var writer = new PcapNgWriter(File.Create(path));
        writer.AddInterface(LinkType.Ethernet, 0);
    }

    /// <summary>
    /// Copies an Ethernet capture into a pcapng with two interfaces: odd frames stay on an
    /// Ethernet interface with nanosecond timestamps, even frames lose their Ethernet header and go
    /// to a raw-IP interface with microsecond timestamps. Frame 1 and the certificate frame get
    /// comments of their own.
    /// </summary>
    private static void WriteTwoInterfaceCopy(string source, string target, int certificateFrame)
    {
        using var reader = CaptureReader.Open(source);
        using var writer = new PcapNgWriter(File.Create(target), "test");
        var ethernet = writer.AddInterface(LinkType.Ethernet, 0, "lo");
        var raw = writer.AddInterface(LinkType.Raw, RawInterfaceSnapLength, "raw0", MicrosecondDigits);
        while (reader.TryReadNext(out var packet) == CaptureReadStatus.Packet)
        {
            IReadOnlyList<string> comments = packet.FrameNumber switch
            {
                1 => [FirstFrameComment],
                _ when packet.FrameNumber == certificateFrame => [AnalystComment, SecondAnalystComment],
                _ => [],
            };
            if (packet.FrameNumber % 2 == 1)
            {
                writer.WritePacket(ethernet, packet.TimestampNs, packet.OriginalLength, packet.Data.Span, comments);
                continue;
            }
            var timestampNs = packet.TimestampNs / NanosecondsPerMicrosecond * NanosecondsPerMicrosecond;
            writer.WritePacket(raw, timestampNs, packet.OriginalLength - EthernetHeaderLength,
                packet.Data.Span[EthernetHeaderLength..], comments);
        }
    }
}
