using System.Text.Json;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Annotate;

/// <summary>What tshark reads from a capture, frame by frame: the oracle the annotate tests compare with.</summary>
public static class TsharkFrames
{
    private const int TsharkTimeoutMs = 60_000;

    /// <summary>
    /// One line per frame: interface id, link type, length on the wire, captured length and epoch
    /// time to the nanosecond, tab-separated. A pcap file's single interface, which tshark leaves
    /// unnumbered, reads as interface 0, as pcapng numbers it.
    /// </summary>
    public static IReadOnlyList<string> Metadata(string capturePath) =>
        Tshark.Fields(capturePath, "frame",
                ["frame.interface_id", "frame.encap_type", "frame.len", "frame.cap_len", "frame.time_epoch"])
            .Select(line => line.StartsWith('\t') ? "0" + line : line)
            .ToList();

    /// <summary>The captured bytes of every frame as lower-case hex, as tshark's JSON output gives them.</summary>
    public static IReadOnlyList<string> Bytes(string capturePath)
    {
        var result = ProcessRunner.Run("tshark", ["-r", capturePath, "-n", "-T", "json", "-x", "-j", "frame"],
            timeoutMs: TsharkTimeoutMs);
        using var document = JsonDocument.Parse(result.StandardOutput);
        return document.RootElement.EnumerateArray()
            .Select(frame => frame.GetProperty("_source").GetProperty("layers").GetProperty("frame_raw")[0]
                .GetString() ?? string.Empty)
            .ToList();
    }

    /// <summary>Frame number to its comments, in file order, for every frame that has any.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<string>> Comments(string capturePath)
    {
        var lines = Tshark.Fields(capturePath, "frame.comment", ["frame.number", "frame.comment"],
            ["-E", "aggregator=|"]);
        var comments = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var line in lines)
        {
            var columns = line.Split('\t', 2);
            comments[int.Parse(columns[0], System.Globalization.CultureInfo.InvariantCulture)] =
                columns[1].TrimEnd('\r').Split('|');
        }
        return comments;
    }
}
