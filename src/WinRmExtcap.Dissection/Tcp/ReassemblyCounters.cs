namespace WinRmExtcap.Dissection.Tcp;

/// <summary>What reassembly saw and dropped over a whole run; shared by all directions.</summary>
public sealed class ReassemblyCounters
{
    public long Segments { get; internal set; }

    public long OutOfOrderSegments { get; internal set; }

    public long Retransmissions { get; internal set; }

    /// <summary>Retransmitted or overlapping segments whose bytes differ from what was delivered.</summary>
    public long RetransmissionsWithDifferentBytes { get; internal set; }

    public long GapCount { get; internal set; }

    public long GapBytes { get; internal set; }

    /// <summary>Bytes of holes given up as gaps because a buffering cap was reached.</summary>
    public long BytesDroppedAtCap { get; internal set; }

    /// <summary>Out-of-order bytes currently held across all connections.</summary>
    public long PendingBytes { get; internal set; }
}
