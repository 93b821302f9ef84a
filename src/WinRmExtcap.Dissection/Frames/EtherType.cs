namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// EtherType values this decoder acts on (IEEE 802.3 clause 3.2.6, IEEE 802.1Q clause 9.5). Values
/// below <see cref="MinimumEtherType"/> are IEEE 802.3 length fields, not types. GRE and Geneve
/// name their payload with the same values.
/// </summary>
internal enum EtherType : ushort
{
    MinimumEtherType = 0x0600,
    Ipv4 = 0x0800,

    /// <summary>RFC 1701 section 3.3: an Ethernet frame inside GRE or Geneve.</summary>
    TransparentEthernetBridging = 0x6558,

    CustomerVlanTag = 0x8100,

    /// <summary>RFC 2516 section 4: PPPoE session stage, PPP frames follow.</summary>
    PppoeSession = 0x8864,

    Ipv6 = 0x86DD,

    /// <summary>RFC 3032 section 5: an MPLS label stack follows.</summary>
    MplsUnicast = 0x8847,

    MplsMulticast = 0x8848,
    ServiceVlanTag = 0x88A8,

    /// <summary>The pre-standard QinQ outer tag some switches still send.</summary>
    LegacyQinQTag = 0x9100,
}
