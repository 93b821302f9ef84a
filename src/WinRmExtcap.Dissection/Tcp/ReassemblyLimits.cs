namespace WinRmExtcap.Dissection.Tcp;

/// <summary>Bounds on what TCP reassembly keeps in memory.</summary>
public sealed record ReassemblyLimits
{
    /// <summary>Out-of-order bytes held per direction before the hole is declared a gap.</summary>
    public int MaxPendingBytesPerDirection { get; init; } = 256 * 1024;

    /// <summary>Out-of-order segments held per direction before the hole is declared a gap.</summary>
    public int MaxPendingSegmentsPerDirection { get; init; } = 512;

    /// <summary>Delivered bytes remembered per direction to compare retransmissions against.</summary>
    public int RetransmissionHistoryBytes { get; init; } = 16 * 1024;

    /// <summary>
    /// Out-of-order bytes held across all connections; the direction whose segment would pass it
    /// gives up its hole as a gap.
    /// </summary>
    public long MaxPendingBytesTotal { get; init; } = 32L * 1024 * 1024;
}
