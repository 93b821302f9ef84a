namespace WinRmExtcap.Dissection.Frames;

/// <summary>Outcome of decoding a captured frame down to its TCP segment.</summary>
public enum FrameDecodeStatus : byte
{
    /// <summary>The frame carries a TCP segment; the out parameter describes it.</summary>
    Tcp,

    /// <summary>A well-formed frame that carries something other than TCP (ARP, UDP, ICMP, ...).</summary>
    NotTcp,

    /// <summary>The link type is not one this decoder reads.</summary>
    UnsupportedLinkType,

    /// <summary>
    /// An IPv4 or IPv6 fragment other than the first, or a first fragment: not reassembled.
    /// </summary>
    Fragment,

    /// <summary>The capture holds too few bytes to reach the TCP header (snap length or damage).</summary>
    Truncated,

    /// <summary>A header field is inconsistent (bad IP version, header length, ...).</summary>
    Malformed,
}
