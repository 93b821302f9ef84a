namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>How a <see cref="NetworkNamespace"/> is set up.</summary>
public sealed record NetworkNamespaceOptions
{
    /// <summary>
    /// MTU for the namespace's loopback and link interfaces, or null for the kernel default. A small
    /// MTU such as 600 gives a small MSS, so a certificate chain spans many TCP segments.
    /// </summary>
    public int? Mtu { get; init; }

    /// <summary>
    /// True to add a veth pair whose far end lives in a second, peer namespace, so traffic between
    /// the two crosses a link with Ethernet headers.
    /// </summary>
    public bool WithVethLink { get; init; }

    /// <summary>
    /// The 802.1Q VLAN id for a sub-interface on each end of the veth link, or null for untagged
    /// traffic. Only used with <see cref="WithVethLink"/>; see <see cref="NetworkNamespace.HasVlanSubInterface"/>
    /// for kernels without 802.1Q support.
    /// </summary>
    public int? VlanId { get; init; }
}
