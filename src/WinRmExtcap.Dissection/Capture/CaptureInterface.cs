namespace WinRmExtcap.Dissection.Capture;

/// <summary>A capture interface: a pcapng Interface Description Block, or a pcap file header.</summary>
/// <param name="Id">Index within the file (pcapng numbers interfaces across sections from 0 up).</param>
/// <param name="LinkType">Link-layer type of every packet captured on it.</param>
/// <param name="SnapLength">Maximum bytes kept per packet; 0 means no limit.</param>
/// <param name="Name">The interface name (pcapng if_name), when the file records one.</param>
/// <param name="TicksPerSecond">Timestamp resolution (pcapng if_tsresol; 10^6 or 10^9 for pcap).</param>
public sealed record CaptureInterface(
    int Id,
    LinkType LinkType,
    int SnapLength,
    string? Name,
    ulong TicksPerSecond);
