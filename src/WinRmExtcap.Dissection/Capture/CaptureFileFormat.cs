namespace WinRmExtcap.Dissection.Capture;

/// <summary>The container format of a capture file, after any gzip layer is removed.</summary>
public enum CaptureFileFormat : byte
{
    /// <summary>Classic libpcap format, micro- or nanosecond, either byte order.</summary>
    Pcap,

    /// <summary>pcapng: sections of blocks, interfaces with their own link types and resolutions.</summary>
    PcapNg,
}
