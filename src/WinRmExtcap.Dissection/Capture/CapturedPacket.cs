namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// One packet as a capture source delivered it.
/// </summary>
/// <param name="FrameNumber">1-based position in the capture, as Wireshark numbers frames.</param>
/// <param name="InterfaceId">Index of the capture interface (always 0 for pcap files).</param>
/// <param name="LinkType">Link-layer type of that interface.</param>
/// <param name="TimestampNs">Capture time in nanoseconds since the Unix epoch, UTC.</param>
/// <param name="OriginalLength">Length of the packet on the wire, before any snap length cut.</param>
/// <param name="Data">
/// The captured bytes. Readers may reuse this buffer: it is valid only until the next packet is
/// read, so a consumer that keeps bytes copies them.
/// </param>
/// <param name="Comments">Packet comments already present in the capture (pcapng opt_comment).</param>
public readonly record struct CapturedPacket(
    long FrameNumber,
    int InterfaceId,
    LinkType LinkType,
    long TimestampNs,
    int OriginalLength,
    ReadOnlyMemory<byte> Data,
    IReadOnlyList<string> Comments)
{
    /// <summary>Capture time as a UTC <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
    public DateTimeOffset Timestamp =>
        DateTimeOffset.UnixEpoch.AddTicks(TimestampNs / TimeSpan.NanosecondsPerTick);

    /// <summary>True when the snap length cut the packet short.</summary>
    public bool IsTruncated => Data.Length < OriginalLength;
}
