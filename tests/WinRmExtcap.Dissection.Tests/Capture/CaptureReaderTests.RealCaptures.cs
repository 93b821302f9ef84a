using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.TestSupport;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>
/// Real captures, from the shared corpus and made here with dumpcap and tcpdump, checked against tshark.
/// </summary>
public sealed partial class CaptureReaderTests
{
    private const int CapturedPacketCount = 40;

    private const string MissingCorpus = "(corpus missing)";

    /// <summary>Every capture listed in the corpus SOURCES.tsv (key logs excluded).</summary>
    public static TheoryData<string> CorpusCaptures()
    {
        var captures = new TheoryData<string>();
        var sources = Path.Combine(RepositoryPaths.Corpus, "SOURCES.tsv");
        if (!File.Exists(sources))
        {
            captures.Add(MissingCorpus);
            return captures;
        }

        var lines = File.ReadAllLines(sources);
        int pathColumn = Array.IndexOf(lines[0].Split('\t'), "local_path");
        int typeColumn = Array.IndexOf(lines[0].Split('\t'), "file_type");
        foreach (var row in lines.Skip(1).Select(line => line.Split('\t')))
        {
            if (row[typeColumn] != "keylog")
            {
                captures.Add(row[pathColumn]);
            }
        }
        return captures;
    }

    [RequiresTheory("tshark")]
    [MemberData(nameof(CorpusCaptures))]
    public void TryReadNext_CorpusCapture_MatchesTshark(string relativePath)
    {
        Assert.True(relativePath != MissingCorpus, $"the shared corpus is missing at {RepositoryPaths.Corpus}");
        var path = Path.Combine(RepositoryPaths.Corpus, relativePath);

        var (expected, exitCode) = TsharkOracle.ReadFrames(path);
        var (actual, final) = TsharkOracle.ReadOurs(path);

        Assert.Equal(expected.Select(ClampedToOurRange), actual);
        Assert.Equal(exitCode == 2 ? CaptureReadStatus.Damaged : CaptureReadStatus.EndOfCapture, final);
    }

    [Fact]
    public void Secrets_CorpusCaptureWithKeyLog_ExposesTheTlsKeyLog()
    {
        var path = Path.Combine(RepositoryPaths.Corpus, "ja4/pcap/chrome-cloudflare-quic-with-secrets.pcapng");
        using var reader = CaptureReader.Open(path);

        var (packets, final) = CaptureTestSupport.ReadAll(reader);

        var secrets = Assert.Single(reader.Secrets);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(83, packets.Count);
        Assert.Equal(DecryptionSecrets.TlsKeyLog, secrets.SecretsType);
        Assert.StartsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET ", System.Text.Encoding.ASCII.GetString(secrets.Data));
    }

    [RequiresTheory("tshark", "dumpcap", "root")]
    [InlineData("-P")] // classic pcap, microseconds
    [InlineData("-n")] // pcapng
    public void TryReadNext_DumpcapLoopbackCapture_MatchesTshark(string formatOption)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "dumpcap.cap");
        using var listener = LiveCapture.StartListener();

        LiveCapture.Run(
            "dumpcap",
            ["-q", "-i", "lo", formatOption, "-c", $"{CapturedPacketCount}", "-w", path,
                "-f", $"tcp port {LiveCapture.PortOf(listener)}"],
            "Capturing on",
            listener);

        AssertMatchesTshark(path, CapturedPacketCount);
    }

    [RequiresTheory("tshark", "tcpdump", "root")]
    [InlineData("micro")]
    [InlineData("nano")]
    public void TryReadNext_TcpdumpLoopbackCapture_MatchesTshark(string precision)
    {
        using var folder = new TemporaryFolder();
        var path = Path.Combine(folder.Path, "tcpdump.pcap");
        using var listener = LiveCapture.StartListener();

        LiveCapture.Run(
            "tcpdump",
            ["-i", "lo", "-U", "-n", $"--time-stamp-precision={precision}", "-c", $"{CapturedPacketCount}",
                "-w", path, "tcp", "port", $"{LiveCapture.PortOf(listener)}"],
            "listening on",
            listener);

        AssertMatchesTshark(path, CapturedPacketCount);
        using var reader = CaptureReader.Open(path);
        Assert.Equal(precision == "nano" ? 1_000_000_000UL : 1_000_000UL, reader.Interfaces[0].TicksPerSecond);
    }

    [RequiresFact("tshark", "tcpdump", "dumpcap", "mergecap", "root")]
    public void TryReadNext_MergedSll2AndLoopbackCaptures_MatchesTsharkWithMixedLinkTypes()
    {
        using var folder = new TemporaryFolder();
        var sll2 = Path.Combine(folder.Path, "any.pcap");
        var loopback = Path.Combine(folder.Path, "lo.pcapng");
        var merged = Path.Combine(folder.Path, "merged.pcapng");
        using var listener = LiveCapture.StartListener();
        var filter = $"tcp port {LiveCapture.PortOf(listener)}";
        LiveCapture.Run(
            "tcpdump",
            ["-i", "any", "-y", "LINUX_SLL2", "-U", "-n", "--time-stamp-precision=nano",
                "-c", $"{CapturedPacketCount}", "-w", sll2, filter],
            "listening on",
            listener);
        LiveCapture.Run(
            "dumpcap",
            ["-q", "-i", "lo", "-n", "-c", $"{CapturedPacketCount}", "-w", loopback, "-f", filter],
            "Capturing on",
            listener);

        var mergeResult = ProcessRunner.Run("mergecap", ["-w", merged, sll2, loopback]);

        Assert.Equal(0, mergeResult.ExitCode);
        AssertMatchesTshark(merged, 2 * CapturedPacketCount);
        using var reader = CaptureReader.Open(merged);
        CaptureTestSupport.ReadAll(reader);
        Assert.Equal(
            [LinkType.LinuxSll2, LinkType.Ethernet],
            reader.Interfaces.Select(i => i.LinkType));
    }

    /// <summary>
    /// tshark keeps 64-bit seconds; our nanosecond timestamps stop in 2262 and clamp beyond it
    /// (pcapplusplus' pcapng-example.pcapng has an interface whose ticks reach the year 586524).
    /// </summary>
    private static TsharkOracle.Frame ClampedToOurRange(TsharkOracle.Frame frame) =>
        long.Parse(frame.EpochTime.Split('.')[0]) > long.MaxValue / 1_000_000_000
            ? frame with { EpochTime = CaptureTestSupport.ToEpochText(long.MaxValue) }
            : frame;

    private static void AssertMatchesTshark(string path, int expectedCount)
    {
        var (expected, exitCode) = TsharkOracle.ReadFrames(path);
        var (actual, final) = TsharkOracle.ReadOurs(path);

        Assert.Equal(0, exitCode);
        Assert.Equal(CaptureReadStatus.EndOfCapture, final);
        Assert.Equal(expectedCount, actual.Count);
        Assert.Equal(expected, actual);
    }
}
