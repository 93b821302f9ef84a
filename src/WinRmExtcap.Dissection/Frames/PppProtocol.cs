namespace WinRmExtcap.Dissection.Frames;

/// <summary>PPP protocol field values this decoder acts on (RFC 1661 section 2, IANA PPP numbers).</summary>
internal enum PppProtocol : ushort
{
    /// <summary>RFC 1332 section 2.</summary>
    Ipv4 = 0x0021,

    /// <summary>RFC 5072 section 3.</summary>
    Ipv6 = 0x0057,
}
