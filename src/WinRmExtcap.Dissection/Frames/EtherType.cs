namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// EtherType values this decoder acts on (IEEE 802.3 clause 3.2.6, IEEE 802.1Q clause 9.5). Values
/// below <see cref="MinimumEtherType"/> are IEEE 802.3 length fields, not types.
/// </summary>
internal enum EtherType : ushort
{
    MinimumEtherType = 0x0600,
    Ipv4 = 0x0800,
    CustomerVlanTag = 0x8100,
    Ipv6 = 0x86DD,
    ServiceVlanTag = 0x88A8,

    /// <summary>The pre-standard QinQ outer tag some switches still send.</summary>
    LegacyQinQTag = 0x9100,
}
