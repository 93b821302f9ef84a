using System.Buffers.Binary;
using System.Net;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// An IPv4 or IPv6 address held by value, so that decoding a frame allocates nothing. IPv4
/// addresses live in the low 32 bits of <see cref="Low"/>.
/// </summary>
public readonly record struct IpAddressValue(ulong High, ulong Low, bool IsIpv6) : IComparable<IpAddressValue>
{
    private const int Ipv4Length = 4;
    private const int Ipv6Length = 16;

    /// <summary>Reads an address from its network-order bytes (4 for IPv4, 16 for IPv6).</summary>
    public static IpAddressValue FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        Ipv4Length => new IpAddressValue(0, BinaryPrimitives.ReadUInt32BigEndian(bytes), IsIpv6: false),
        Ipv6Length => new IpAddressValue(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            IsIpv6: true),
        _ => throw new ArgumentException("an IP address is 4 or 16 bytes", nameof(bytes)),
    };

    public static IpAddressValue FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return FromBytes(address.GetAddressBytes());
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[Ipv6Length];
        if (!IsIpv6)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Low);
            return new IPAddress(bytes[..Ipv4Length]);
        }
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], Low);
        return new IPAddress(bytes);
    }

    public int CompareTo(IpAddressValue other)
    {
        var byFamily = IsIpv6.CompareTo(other.IsIpv6);
        if (byFamily != 0)
        {
            return byFamily;
        }
        var byHigh = High.CompareTo(other.High);
        return byHigh != 0 ? byHigh : Low.CompareTo(other.Low);
    }

    public override string ToString() => ToIPAddress().ToString();
}
