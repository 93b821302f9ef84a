namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Hands the payload of an IPv4 or IPv6 packet on by its protocol number: TCP to
/// <see cref="TcpHeaderDecoder"/>, IP-in-IP back to the IP decoders, GRE and UDP tunnels to theirs.
/// </summary>
internal static class IpPayloadDecoder
{
    private const int IpVersionShift = 4;

    /// <summary>
    /// Decodes the payload at <paramref name="offset"/>. <paramref name="packet"/> ends where the
    /// captured bytes of the IP packet end; <paramref name="declaredEnd"/> is where its header says
    /// it ends.
    /// </summary>
    internal static FrameDecodeStatus Decode(
        IpProtocolNumber protocol,
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        IpAddressValue sourceAddress,
        IpAddressValue destinationAddress,
        int depth,
        out TcpSegment segment)
    {
        // IANA protocol numbers: TCP (RFC 9293), IPv4 in IP (RFC 2003), IPv6 in IP (RFC 4213
        // section 3.5, RFC 2473), GRE (RFC 2784), UDP (RFC 768) for the UDP tunnels.
        segment = default;
        switch (protocol)
        {
            case IpProtocolNumber.Tcp:
                return TcpHeaderDecoder.Decode(
                    packet,
                    offset,
                    packet.Length,
                    declaredEnd,
                    sourceAddress,
                    destinationAddress,
                    out segment);
            case IpProtocolNumber.Gre:
                return GreDecoder.Decode(packet, offset, declaredEnd, depth, out segment);
            case IpProtocolNumber.Udp:
                return UdpTunnelDecoder.Decode(packet, offset, declaredEnd, depth, out segment);
            case IpProtocolNumber.Ipv4Encapsulation or IpProtocolNumber.Ipv6Encapsulation:
                break;
            default:
                return FrameDecodeStatus.NotTcp;
        }

        if (!EncapsulationDepth.TryNest(ref depth))
        {
            return FrameDecodeStatus.NotTcp;
        }
        return protocol == IpProtocolNumber.Ipv4Encapsulation
            ? Ipv4HeaderDecoder.Decode(packet, offset, depth, out segment)
            : Ipv6HeaderDecoder.Decode(packet, offset, depth, out segment);
    }

    /// <summary>
    /// What a fragmented packet whose payload is <paramref name="protocol"/> counts as:
    /// <see cref="FrameDecodeStatus.Fragment"/> when TCP is or may be inside, else not TCP.
    /// </summary>
    internal static FrameDecodeStatus FragmentStatus(IpProtocolNumber protocol)
    {
        // TODO: a fragmented UDP datagram counts as not TCP: only its first fragment holds the port
        // that would say a tunnel is inside, and a TCP segment inside such a tunnel is missed.
        return protocol
            is IpProtocolNumber.Tcp
            or IpProtocolNumber.Ipv4Encapsulation
            or IpProtocolNumber.Ipv6Encapsulation
            or IpProtocolNumber.Gre
            ? FrameDecodeStatus.Fragment
            : FrameDecodeStatus.NotTcp;
    }

    /// <summary>
    /// Decodes the IPv4 or IPv6 packet at <paramref name="offset"/> by its version nibble; any other
    /// version returns <paramref name="otherVersion"/>.
    /// </summary>
    internal static FrameDecodeStatus DecodeIpPacket(
        ReadOnlySpan<byte> frame,
        int offset,
        int depth,
        FrameDecodeStatus otherVersion,
        out TcpSegment segment)
    {
        // RFC 791 section 3.1 and RFC 8200 section 3: both headers open with a 4-bit version.
        segment = default;
        if (frame.Length <= offset)
        {
            return FrameDecodeStatus.Truncated;
        }

        return (frame[offset] >> IpVersionShift) switch
        {
            Ipv4HeaderDecoder.Version => Ipv4HeaderDecoder.Decode(frame, offset, depth, out segment),
            Ipv6HeaderDecoder.Version => Ipv6HeaderDecoder.Decode(frame, offset, depth, out segment),
            _ => otherVersion,
        };
    }
}
