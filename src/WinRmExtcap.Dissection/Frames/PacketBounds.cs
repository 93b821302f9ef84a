namespace WinRmExtcap.Dissection.Frames;

/// <summary>Tells a header cut by the snap length apart from one its enclosing packet cannot hold.</summary>
internal static class PacketBounds
{
    /// <summary>
    /// True when <paramref name="length"/> bytes at <paramref name="offset"/> are captured. Otherwise
    /// <paramref name="shortfall"/> is <see cref="FrameDecodeStatus.Malformed"/> when they overrun
    /// <paramref name="declaredEnd"/>, where the enclosing header says the packet stops, and
    /// <see cref="FrameDecodeStatus.Truncated"/> when only the capture stops short.
    /// </summary>
    internal static bool Fits(
        int offset,
        int length,
        int capturedEnd,
        int declaredEnd,
        out FrameDecodeStatus shortfall)
    {
        shortfall = length > declaredEnd - offset
            ? FrameDecodeStatus.Malformed
            : FrameDecodeStatus.Truncated;
        return length <= capturedEnd - offset;
    }
}
