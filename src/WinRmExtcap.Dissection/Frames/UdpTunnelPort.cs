namespace WinRmExtcap.Dissection.Frames;

/// <summary>IANA-assigned UDP destination ports of the tunnels this decoder opens.</summary>
internal enum UdpTunnelPort : ushort
{
    /// <summary>3GPP TS 29.281 section 4.4.2: GTP-U.</summary>
    GtpUser = 2152,

    /// <summary>RFC 7348 section 5: VXLAN.</summary>
    Vxlan = 4789,

    /// <summary>RFC 8926 section 3.3: Geneve.</summary>
    Geneve = 6081,
}
