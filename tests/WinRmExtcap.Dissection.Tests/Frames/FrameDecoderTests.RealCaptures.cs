using System.Globalization;
using System.Text.RegularExpressions;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.TestSupport;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Frames;

/// <summary>Every TCP frame of the real captures in the shared corpus, checked against tshark.</summary>
public sealed partial class FrameDecoderTests
{
    [RequiresTheory("tshark")]
    [MemberData(nameof(CorpusPcapFiles))]
    public void TryDecode_RealCapture_MatchesTshark(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, relativePath);
        var file = File.ReadAllBytes(path);
        var linkType = (LinkType)PcapRecords.LinkType(file);
        var frames = PcapRecords.Frames(file);
        var oracle = TsharkTcpFields(path);

        var mismatches = new List<string>();
        for (var i = 0; i < frames.Count; i++)
        {
            var number = i + 1;
            var status = FrameDecoder.TryDecode(linkType, frames[i], out var segment);
            Assert.True(oracle.TryGetValue(number, out var expected), $"tshark has no frame {number}");

            var plainTcp = PlainTcpStack().IsMatch(expected.Protocols);
            if (status == FrameDecodeStatus.Fragment || (!plainTcp && status != FrameDecodeStatus.Tcp))
            {
                continue;
            }
            var actual = status == FrameDecodeStatus.Tcp
                ? $"{segment.Source.Port} {segment.Destination.Port} {segment.SequenceNumber} "
                    + $"{segment.WirePayloadLength}"
                : status.ToString();
            if (!plainTcp || actual != expected.Fields)
            {
                mismatches.Add(
                    $"frame {number} ({expected.Protocols}): tshark '{expected.Fields}', ours '{actual}'");
            }
        }

        // Captures whose TCP rides in a tunnel (PPPoE, 6in4, GTP, Geneve) compare no frame at all.
        Assert.Empty(mismatches);
    }

    /// <summary>Classic pcap files in the shared corpus whose link type the decoder reads.</summary>
    public static TheoryData<string> CorpusPcapFiles()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(RepositoryPaths.Corpus))
        {
            return data;
        }
        uint[] readable =
            [(uint)LinkType.Null, (uint)LinkType.Ethernet, (uint)LinkType.Raw, (uint)LinkType.LinuxSll];
        var paths = Directory.EnumerateFiles(RepositoryPaths.Corpus, "*", SearchOption.AllDirectories);
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            if (!path.EndsWith(".pcap", StringComparison.Ordinal) && !path.EndsWith(".cap", StringComparison.Ordinal))
            {
                continue;
            }
            var file = File.ReadAllBytes(path);
            if (PcapRecords.IsPcap(file) && readable.Contains(PcapRecords.LinkType(file)))
            {
                data.Add(Path.GetRelativePath(RepositoryPaths.Corpus, path));
            }
        }
        return data;
    }

    private static Dictionary<int, (string Protocols, string Fields)> TsharkTcpFields(string path)
    {
        var result = ProcessRunner.Run("tshark",
        [
            "-r", path, "-n", "-o", "tcp.analyze_sequence_numbers:FALSE", "-T", "fields",
            "-e", "frame.number", "-e", "frame.protocols", "-e", "tcp.srcport", "-e", "tcp.dstport",
            "-e", "tcp.seq_raw", "-e", "tcp.len",
        ]);
        var lines = new Dictionary<int, (string, string)>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.Split('\t');
            lines[int.Parse(columns[0], CultureInfo.InvariantCulture)] =
                (columns[1], string.Join(' ', columns[2..]).Trim());
        }
        return lines;
    }

    /// <summary>A protocol stack with one link layer, one IP layer and TCP, as tshark names it.</summary>
    [GeneratedRegex(
        @"^(eth:ethertype:(vlan:ethertype:)*|null:|raw:|sll:ethertype:)(ip|ipv6(:ipv6\.\w+)*):tcp(:|$)")]
    private static partial Regex PlainTcpStack();
}
