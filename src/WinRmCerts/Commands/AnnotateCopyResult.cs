namespace WinRmCerts.Commands;

/// <summary>How copying one capture through the packet annotator went.</summary>
/// <param name="Packets">Packets read and written.</param>
/// <param name="AnnotatedPackets">Packets that received at least one comment of ours.</param>
/// <param name="CommentsAdded">Comments of ours written, over all packets.</param>
/// <param name="Interfaces">Interface Description Blocks written.</param>
/// <param name="Certificates">Distinct certificates seen.</param>
/// <param name="DamageReason">Why reading stopped early, or null when the input was read to its end.</param>
public sealed record AnnotateCopyResult(
    long Packets,
    long AnnotatedPackets,
    long CommentsAdded,
    int Interfaces,
    int Certificates,
    string? DamageReason)
{
    /// <summary>True when the input was damaged or cut short; the packets before were still written.</summary>
    public bool IsDamaged => DamageReason is not null;
}
