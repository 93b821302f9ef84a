namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>The program that records a <see cref="LoopbackCapture"/>.</summary>
public enum CaptureTool
{
    /// <summary>tcpdump, writing classic pcap (nanosecond or microsecond time stamps).</summary>
    Tcpdump,

    /// <summary>Wireshark's dumpcap, writing pcapng.</summary>
    Dumpcap,
}
