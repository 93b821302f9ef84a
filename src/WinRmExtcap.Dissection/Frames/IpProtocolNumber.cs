namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// IANA "Assigned Internet Protocol Numbers" this decoder acts on: the IPv4 Protocol field and the
/// IPv6 Next Header field share one registry.
/// </summary>
internal enum IpProtocolNumber : byte
{
    Ipv6HopByHopOptions = 0,

    /// <summary>RFC 2003: an IPv4 packet inside IPv4 or IPv6.</summary>
    Ipv4Encapsulation = 4,

    Tcp = 6,
    Udp = 17,

    /// <summary>RFC 4213 section 3.5 and RFC 2473: an IPv6 packet inside IPv4 or IPv6.</summary>
    Ipv6Encapsulation = 41,

    Ipv6Routing = 43,
    Ipv6Fragment = 44,

    /// <summary>RFC 2784: Generic Routing Encapsulation.</summary>
    Gre = 47,

    AuthenticationHeader = 51,
    Ipv6DestinationOptions = 60,
}
