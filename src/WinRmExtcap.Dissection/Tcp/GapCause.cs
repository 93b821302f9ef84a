namespace WinRmExtcap.Dissection.Tcp;

/// <summary>Why bytes of a TCP stream are missing.</summary>
public enum GapCause : byte
{
    /// <summary>Segments the capture never saw (capture loss, or the capture started late).</summary>
    MissingSegment,

    /// <summary>The snap length cut the packet: the segment was captured, its tail was not.</summary>
    SnapLength,

    /// <summary>Out-of-order data beyond a buffering cap was dropped.</summary>
    BufferCap,
}
