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

        var (mismatches, _) = CompareWithTshark(path);

        Assert.Empty(mismatches);
    }

    [RequiresTheory("tshark")]
    [MemberData(nameof(TunnelCorpusFiles))]
    public void TryDecode_TunnelCapture_DecodesInnermostTcpLikeTshark(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, relativePath);

        var (mismatches, tunnelledTcpFrames) = CompareWithTshark(path);

        Assert.Empty(mismatches);
        Assert.True(tunnelledTcpFrames > 0, "no tunnelled TCP frame compared");
    }

    /// <summary>
    /// Decodes every frame of the capture at <paramref name="path"/> and lists where the decoder and
    /// tshark disagree on a stack the decoder opens; also counts the tunnelled TCP frames compared.
    /// </summary>
    private static (List<string> Mismatches, int TunnelledTcpFrames) CompareWithTshark(string path)
    {
        var file = File.ReadAllBytes(path);
        var linkType = (LinkType)PcapRecords.LinkType(file);
        var frames = PcapRecords.Frames(file);
        var oracle = TsharkTcpFields(path);

        var mismatches = new List<string>();
        var tunnelledTcpFrames = 0;
        for (var i = 0; i < frames.Count; i++)
        {
            var number = i + 1;
            var status = FrameDecoder.TryDecode(linkType, frames[i], out var segment);
            Assert.True(oracle.TryGetValue(number, out var expected), $"tshark has no frame {number}");

            var decodable = DecodableTcpStack().IsMatch(expected.Protocols);
            if (status == FrameDecodeStatus.Fragment || (!decodable && status != FrameDecodeStatus.Tcp))
            {
                continue;
            }
            var actual = status == FrameDecodeStatus.Tcp
                ? $"{segment.Source.Port} {segment.Destination.Port} {segment.SequenceNumber} "
                    + $"{segment.WirePayloadLength}"
                : status.ToString();
            if (!decodable || actual != expected.Fields)
            {
                mismatches.Add(
                    $"frame {number} ({expected.Protocols}): tshark '{expected.Fields}', ours '{actual}'");
            }
            else if (!PlainTcpStack().IsMatch(expected.Protocols))
            {
                tunnelledTcpFrames++;
            }
        }
        return (mismatches, tunnelledTcpFrames);
    }

    /// <summary>Corpus captures whose TLS rides in a tunnel, each with its encapsulation.</summary>
    public static TheoryData<string> TunnelCorpusFiles()
    {
        string[] tunnelled =
        [
            "arkime/tests/pcap/pppoe.pcap", // PPPoE session, IPv4 inside
            "ndpi/tests/cfgs/default/pcap/6in4tunnel.pcap", // IPv6 in IPv4
            "ndpi/tests/cfgs/default/pcap/ja3_lots_of_cipher_suites_2_anon.pcap", // GTP-U
            "zeek/testing/btest/Traces/tunnels/geneve-47101.pcap", // Geneve, Ethernet inside
        ];
        var data = new TheoryData<string>();
        foreach (var relativePath in tunnelled)
        {
            if (File.Exists(Path.Combine(RepositoryPaths.Corpus, relativePath)))
            {
                data.Add(relativePath);
            }
        }
        return data;
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
        // A tunnelled frame has one value per TCP layer, comma-separated, outermost first; the
        // decoder reports the innermost.
        var lines = new Dictionary<int, (string, string)>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.Split('\t');
            var innermost = columns[2..].Select(column => column.Split(',')[^1]);
            lines[int.Parse(columns[0], CultureInfo.InvariantCulture)] =
                (columns[1], string.Join(' ', innermost).Trim());
        }
        return lines;
    }

    /// <summary>
    /// A protocol stack the decoder opens, as tshark names it: one link layer, any number of PPPoE,
    /// MPLS, IP-in-IP, GRE, VXLAN, Geneve or GTP-U encapsulations, then IP and TCP.
    /// </summary>
    [GeneratedRegex(
        @"^(eth:ethertype:(vlan:ethertype:)*|null:|raw:|sll:ethertype:)"
        + @"(pppoes:ppp:|mpls:|(ip|ipv6(:ipv6\.\w+)*):(gre:|udp:(vxlan|geneve|gtp):)?"
        + @"(eth:ethertype:(vlan:ethertype:)*)?)*"
        + @"(ip|ipv6(:ipv6\.\w+)*):tcp(:|$)")]
    private static partial Regex DecodableTcpStack();

    /// <summary>A protocol stack with one link layer, one IP layer and TCP: no tunnel.</summary>
    [GeneratedRegex(
        @"^(eth:ethertype:(vlan:ethertype:)*|null:|raw:|sll:ethertype:)(ip|ipv6(:ipv6\.\w+)*):tcp(:|$)")]
    private static partial Regex PlainTcpStack();
}
