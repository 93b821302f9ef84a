namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>Compares copied packets field by field, bytes and comments by content.</summary>
internal sealed class PacketComparer : IEqualityComparer<CaptureTestSupport.PacketCopy>
{
    public static PacketComparer Instance { get; } = new();

    public bool Equals(CaptureTestSupport.PacketCopy? x, CaptureTestSupport.PacketCopy? y) =>
        x is not null && y is not null
        && x with { Data = Array.Empty<byte>(), Comments = Array.Empty<string>() }
        == y with { Data = Array.Empty<byte>(), Comments = Array.Empty<string>() }
        && x.Data.AsSpan().SequenceEqual(y.Data)
        && x.Comments.SequenceEqual(y.Comments);

    public int GetHashCode(CaptureTestSupport.PacketCopy obj) => obj.FrameNumber.GetHashCode();
}
