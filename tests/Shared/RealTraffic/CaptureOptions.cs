namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>What a <see cref="LoopbackCapture"/> records, and where.</summary>
public sealed record CaptureOptions
{
    /// <summary>The file the capture is written to; the caller owns it.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The capture program; tcpdump writes pcap, dumpcap writes pcapng.</summary>
    public CaptureTool Tool { get; init; } = CaptureTool.Tcpdump;

    /// <summary>The interface: <c>lo</c>, <c>any</c>, or an interface inside <see cref="Namespace"/>.</summary>
    public string Interface { get; init; } = "lo";

    /// <summary>The BPF capture filter.</summary>
    public string Filter { get; init; } = "tcp port 5986";

    /// <summary>Bytes kept of each packet (<c>-s</c>), or null for the program's default (whole packets).</summary>
    public int? SnapLength { get; init; }

    /// <summary>
    /// True to record Linux cooked-mode v2 headers (<c>-y LINUX_SLL2</c>), normally with <c>-i any</c>.
    /// </summary>
    public bool LinuxCookedV2 { get; init; }

    /// <summary>True for nanosecond pcap time stamps (tcpdump only); false for microseconds.</summary>
    public bool NanosecondTimestamps { get; init; } = true;

    /// <summary>The namespace to capture in, or null for the host's own interfaces.</summary>
    public NetworkNamespace? Namespace { get; init; }

    /// <summary>How long to wait for the program to report that it is capturing.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
