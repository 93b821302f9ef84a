using WinRmExtcap.TestSupport;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>Asks the real tshark what it reads in a capture, frame by frame.</summary>
internal static class TsharkOracle
{
    /// <summary>What tshark shows of one frame, in its own text form.</summary>
    public sealed record Frame(long Number, int InterfaceId, string EpochTime, int Length, int CapturedLength);

    /// <summary>Every frame tshark delivers, and its exit code (2 when it calls the file damaged).</summary>
    public static (List<Frame> Frames, int ExitCode) ReadFrames(string path)
    {
        var result = ProcessRunner.Run("tshark", [
            "-n", "-r", path, "-T", "fields", "-E", "separator=/t",
            "-e", "frame.number", "-e", "frame.interface_id", "-e", "frame.time_epoch",
            "-e", "frame.len", "-e", "frame.cap_len",
        ]);

        var frames = new List<Frame>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            frames.Add(new Frame(
                long.Parse(fields[0]),
                fields[1].Length == 0 ? 0 : int.Parse(fields[1]),
                fields[2],
                int.Parse(fields[3]),
                int.Parse(fields[4])));
        }
        return (frames, result.ExitCode);
    }

    /// <summary>Our reader's view of the same file, in tshark's form.</summary>
    public static (List<Frame> Frames, Dissection.Capture.CaptureReadStatus Final) ReadOurs(string path)
    {
        using var reader = Dissection.Capture.CaptureReader.Open(path);
        var (packets, final) = CaptureTestSupport.ReadAll(reader);
        var frames = packets
            .Select(p => new Frame(
                p.FrameNumber,
                p.InterfaceId,
                CaptureTestSupport.ToEpochText(p.TimestampNs),
                p.OriginalLength,
                p.Data.Length))
            .ToList();
        return (frames, final);
    }
}
