using System.Buffers.Binary;
using WinRmExtcap.Dissection.Capture;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Decodes a captured frame through its link layer, IPv4 or IPv6, and any tunnels (PPPoE, MPLS,
/// IP-in-IP, GRE, VXLAN, Geneve, GTP-U) down to the innermost TCP segment it carries. Stateless,
/// allocation-free, and safe on any bytes.
/// </summary>
public static class FrameDecoder
{
    // Linux cooked capture v1: packet type(2) ARPHRD type(2) address length(2) address(8) protocol(2).
    private const int SllAddressFieldLength = 8;
    private const int SllAddressOffset = sizeof(ushort) + sizeof(ushort) + sizeof(ushort);
    private const int SllProtocolOffset = SllAddressOffset + SllAddressFieldLength;
    private const int SllHeaderLength = SllProtocolOffset + sizeof(ushort);

    // Linux cooked capture v2: protocol(2) reserved(2) interface index(4) ARPHRD type(2)
    // packet type(1) address length(1) address(8).
    private const int Sll2ProtocolOffset = 0;
    private const int Sll2InterfaceIndexOffset = Sll2ProtocolOffset + sizeof(ushort) + sizeof(ushort);
    private const int Sll2HardwareTypeOffset = Sll2InterfaceIndexOffset + sizeof(uint);
    private const int Sll2PacketTypeOffset = Sll2HardwareTypeOffset + sizeof(ushort);
    private const int Sll2AddressLengthOffset = Sll2PacketTypeOffset + sizeof(byte);
    private const int Sll2AddressOffset = Sll2AddressLengthOffset + sizeof(byte);
    private const int Sll2HeaderLength = Sll2AddressOffset + SllAddressFieldLength;

    // BSD Null and OpenBSD Loop: a 4-byte address family, then the IP packet.
    private const int LoopbackHeaderLength = sizeof(uint);

    // Every decode starts outside any encapsulation.
    private const int OutermostDepth = 0;

    /// <summary>
    /// Decodes <paramref name="frame"/> as captured with <paramref name="linkType"/>.
    /// </summary>
    /// <returns>
    /// <see cref="FrameDecodeStatus.Tcp"/> with <paramref name="segment"/> filled in, or the reason
    /// there is no segment, in which case <paramref name="segment"/> is <c>default</c>. Never throws.
    /// Inside tunnels the segment carries the innermost addresses and ports, its payload offset
    /// still counts from the start of <paramref name="frame"/>; more than
    /// <see cref="EncapsulationDepth.Maximum"/> nested encapsulations count as not TCP.
    /// </returns>
    public static FrameDecodeStatus TryDecode(
        LinkType linkType,
        ReadOnlySpan<byte> frame,
        out TcpSegment segment)
    {
        // pcap LINKTYPE_ registry (tcpdump.org/linktypes.html): which header precedes the network layer.
        segment = default;
        return linkType switch
        {
            LinkType.Ethernet => EtherTypeDecoder.DecodeEthernet(frame, 0, OutermostDepth, out segment),
            LinkType.LinuxSll => EtherTypeDecoder.DecodeTagged(
                frame,
                SllProtocolOffset,
                SllHeaderLength,
                OutermostDepth,
                out segment),
            LinkType.LinuxSll2 => EtherTypeDecoder.DecodeTagged(
                frame,
                Sll2ProtocolOffset,
                Sll2HeaderLength,
                OutermostDepth,
                out segment),
            LinkType.Null => DecodeNull(frame, out segment),
            LinkType.Loop => DecodeLoop(frame, out segment),
            LinkType.Raw => DecodeRawIp(frame, out segment),
            LinkType.Ipv4 => Ipv4HeaderDecoder.Decode(frame, 0, OutermostDepth, out segment),
            LinkType.Ipv6 => Ipv6HeaderDecoder.Decode(frame, 0, OutermostDepth, out segment),
            _ => FrameDecodeStatus.UnsupportedLinkType,
        };
    }

    private static FrameDecodeStatus DecodeNull(ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        // tcpdump.org/linktypes.html LINKTYPE_NULL: the family is in the capturing host's byte order,
        // which the file does not record, so either order is accepted.
        segment = default;
        if (frame.Length < LoopbackHeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        var family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
        if (!IsKnownFamily(family))
        {
            family = BinaryPrimitives.ReadUInt32BigEndian(frame);
        }
        return DecodeLoopbackPayload(frame, (LoopbackAddressFamily)family, out segment);
    }

    private static FrameDecodeStatus DecodeLoop(ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        // tcpdump.org/linktypes.html LINKTYPE_LOOP: the family is in network byte order.
        segment = default;
        if (frame.Length < LoopbackHeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        var family = (LoopbackAddressFamily)BinaryPrimitives.ReadUInt32BigEndian(frame);
        return DecodeLoopbackPayload(frame, family, out segment);
    }

    private static FrameDecodeStatus DecodeLoopbackPayload(
        ReadOnlySpan<byte> frame,
        LoopbackAddressFamily family,
        out TcpSegment segment)
    {
        // tcpdump.org/linktypes.html LINKTYPE_NULL: the packet follows the 4-byte family.
        segment = default;
        return family switch
        {
            LoopbackAddressFamily.Inet =>
                Ipv4HeaderDecoder.Decode(frame, LoopbackHeaderLength, OutermostDepth, out segment),
            LoopbackAddressFamily.Inet6Linux
                or LoopbackAddressFamily.Inet6NetBsdOpenBsd
                or LoopbackAddressFamily.Inet6FreeBsd
                or LoopbackAddressFamily.Inet6Darwin =>
                Ipv6HeaderDecoder.Decode(frame, LoopbackHeaderLength, OutermostDepth, out segment),
            _ => FrameDecodeStatus.NotTcp,
        };
    }

    private static bool IsKnownFamily(uint family) => (LoopbackAddressFamily)family
        is LoopbackAddressFamily.Inet
        or LoopbackAddressFamily.Inet6Linux
        or LoopbackAddressFamily.Inet6NetBsdOpenBsd
        or LoopbackAddressFamily.Inet6FreeBsd
        or LoopbackAddressFamily.Inet6Darwin;

    private static FrameDecodeStatus DecodeRawIp(ReadOnlySpan<byte> frame, out TcpSegment segment)
    {
        // tcpdump.org/linktypes.html LINKTYPE_RAW: the first nibble is the IP version (RFC 791, 8200).
        return IpPayloadDecoder.DecodeIpPacket(
            frame,
            0,
            OutermostDepth,
            FrameDecodeStatus.Malformed,
            out segment);
    }
}
