namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// Link-layer header types as registered for pcap and pcapng (the LINKTYPE_ values, which are
/// what capture files carry; the platform-specific DLT_ values 12 and 14 for raw IP are mapped
/// to <see cref="Raw"/> by the readers).
/// </summary>
public enum LinkType : uint
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,

    /// <summary>IEEE 802.3 Ethernet, possibly with 802.1Q or 802.1ad tags.</summary>
    Ethernet = 1,

    /// <summary>Raw IPv4 or IPv6; the version nibble tells which.</summary>
    Raw = 101,

    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order.</summary>
    Loop = 108,

    /// <summary>Linux cooked capture, version 1 (16-byte header).</summary>
    LinuxSll = 113,

    /// <summary>Raw IPv4 only.</summary>
    Ipv4 = 228,

    /// <summary>Raw IPv6 only.</summary>
    Ipv6 = 229,

    /// <summary>Linux cooked capture, version 2 (20-byte header).</summary>
    LinuxSll2 = 276,
}
