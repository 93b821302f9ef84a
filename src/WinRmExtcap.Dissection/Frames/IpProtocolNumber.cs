namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// IANA "Assigned Internet Protocol Numbers" this decoder acts on: the IPv4 Protocol field and the
/// IPv6 Next Header field share one registry.
/// </summary>
internal enum IpProtocolNumber : byte
{
    Ipv6HopByHopOptions = 0,
    Tcp = 6,
    Ipv6Routing = 43,
    Ipv6Fragment = 44,
    AuthenticationHeader = 51,
    Ipv6DestinationOptions = 60,
}
