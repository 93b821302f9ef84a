namespace WinRmExtcap.Dissection.Capture;

/// <summary>Outcome of asking a capture reader for its next packet.</summary>
public enum CaptureReadStatus : byte
{
    /// <summary>A packet was read.</summary>
    Packet,

    /// <summary>The capture ended cleanly.</summary>
    EndOfCapture,

    /// <summary>
    /// The capture is damaged or cut short at this point; everything before it was delivered and
    /// the reader's <c>DamageReason</c> says what was wrong. Reading further returns this again.
    /// </summary>
    Damaged,
}
