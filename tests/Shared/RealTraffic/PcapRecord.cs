namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>One packet record of a classic pcap file.</summary>
/// <param name="TimestampSeconds">Seconds since the Unix epoch.</param>
/// <param name="TimestampFraction">Microseconds or nanoseconds, as the file header's magic says.</param>
/// <param name="OriginalLength">
/// Length of the packet on the wire; more than the data when the snap length cut it.
/// </param>
/// <param name="Data">The captured bytes, starting with the link-layer header.</param>
public sealed record PcapRecord(uint TimestampSeconds, uint TimestampFraction, uint OriginalLength, byte[] Data);
