using System.Text.Json;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.TestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>Asks the real tshark what it reads in a capture, frame by frame.</summary>
internal static class TsharkOracle
{
    /// <summary>Separates packet comments in <see cref="Frame.Comments"/>.</summary>
    private const string CommentSeparator = "\u001F";

    /// <summary>What tshark shows of one frame, in its own text form.</summary>
    public sealed record Frame(
        long Number,
        int InterfaceId,
        string EpochTime,
        int Length,
        int CapturedLength,
        string Comments);

    /// <summary>Every frame tshark delivers, and its exit code (2 when it calls the file damaged).</summary>
    public static (List<Frame> Frames, int ExitCode) ReadFrames(string path)
    {
        var result = ProcessRunner.Run("tshark", [
            "-n", "-r", path, "-T", "json",
            "-e", "frame.number", "-e", "frame.interface_id", "-e", "frame.time_epoch",
            "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.comment",
        ]);

        var frames = new List<Frame>();
        using var json = JsonDocument.Parse(result.StandardOutput.Length == 0 ? "[]" : result.StandardOutput);
        foreach (var element in json.RootElement.EnumerateArray())
        {
            var layers = element.GetProperty("_source").GetProperty("layers");
            frames.Add(new Frame(
                long.Parse(Field(layers, "frame.number").Single()),
                int.Parse(Field(layers, "frame.interface_id").SingleOrDefault() ?? "0"),
                Field(layers, "frame.time_epoch").Single(),
                int.Parse(Field(layers, "frame.len").Single()),
                int.Parse(Field(layers, "frame.cap_len").Single()),
                string.Join(CommentSeparator, Field(layers, "frame.comment"))));
        }
        return (frames, result.ExitCode);
    }

    /// <summary>Our reader's view of the same file, in tshark's form.</summary>
    public static (List<Frame> Frames, CaptureReadStatus Final) ReadOurs(string path)
    {
        using var reader = CaptureReader.Open(path);
        var (packets, final) = CaptureTestSupport.ReadAll(reader);
        var frames = packets
            .Select(p => new Frame(
                p.FrameNumber,
                p.InterfaceId,
                CaptureTestSupport.ToEpochText(p.TimestampNs),
                p.OriginalLength,
                p.Data.Length,
                string.Join(CommentSeparator, p.Comments)))
            .ToList();
        return (frames, final);
    }

    private static string[] Field(JsonElement layers, string name) =>
        layers.TryGetProperty(name, out var values)
            ? values.EnumerateArray().Select(v => v.GetString() ?? string.Empty).ToArray()
            : [];
}
