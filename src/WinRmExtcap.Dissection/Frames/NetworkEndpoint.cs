namespace WinRmExtcap.Dissection.Frames;

/// <summary>An IP address and TCP port, held by value.</summary>
public readonly record struct NetworkEndpoint(IpAddressValue Address, ushort Port) : IComparable<NetworkEndpoint>
{
    public int CompareTo(NetworkEndpoint other)
    {
        var byAddress = Address.CompareTo(other.Address);
        return byAddress != 0 ? byAddress : Port.CompareTo(other.Port);
    }

    /// <summary>Formats as <c>192.0.2.1:5986</c> or <c>[2001:db8::1]:5986</c>, as Wireshark does.</summary>
    public override string ToString() =>
        Address.IsIpv6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
