using WinRmExtcap.Dissection.Capture;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>Reading helpers shared by the capture tests.</summary>
internal static class CaptureTestSupport
{
    /// <summary>A packet with its bytes copied out of the reader's buffer.</summary>
    public sealed record PacketCopy(
        long FrameNumber,
        int InterfaceId,
        LinkType LinkType,
        long TimestampNs,
        int OriginalLength,
        byte[] Data,
        IReadOnlyList<string> Comments);

    public static CaptureReader OpenBytes(byte[] file) => CaptureReader.Open(new MemoryStream(file), "test");

    /// <summary>Reads to the end and returns every packet plus the final status.</summary>
    public static (List<PacketCopy> Packets, CaptureReadStatus Final) ReadAll(CaptureReader reader)
    {
        var packets = new List<PacketCopy>();
        CaptureReadStatus status;
        while ((status = reader.TryReadNext(out var packet)) == CaptureReadStatus.Packet)
        {
            packets.Add(new PacketCopy(
                packet.FrameNumber,
                packet.InterfaceId,
                packet.LinkType,
                packet.TimestampNs,
                packet.OriginalLength,
                packet.Data.ToArray(),
                packet.Comments));
        }
        return (packets, status);
    }

    public static (List<PacketCopy> Packets, CaptureReadStatus Final) ReadAll(byte[] file)
    {
        using var reader = OpenBytes(file);
        return ReadAll(reader);
    }

    /// <summary>Nanoseconds since the epoch in tshark's frame.time_epoch form.</summary>
    public static string ToEpochText(long timestampNs) =>
        $"{timestampNs / 1_000_000_000}.{timestampNs % 1_000_000_000:D9}";
}
