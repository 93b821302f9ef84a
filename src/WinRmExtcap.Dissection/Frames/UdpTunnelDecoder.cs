using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Opens the UDP tunnels a WinRM connection may ride in, chosen by UDP destination port: VXLAN,
/// Geneve and GTP-U. Any other UDP datagram is not TCP.
/// </summary>
internal static class UdpTunnelDecoder
{
    // RFC 768: source port(2) destination port(2) length(2) checksum(2).
    private const int UdpDestinationPortOffset = sizeof(ushort);
    private const int UdpLengthOffset = UdpDestinationPortOffset + sizeof(ushort);
    private const int UdpHeaderLength = UdpLengthOffset + sizeof(ushort) + sizeof(ushort);

    // RFC 7348 section 5: flags(1) reserved(3) VNI(3) reserved(1), then an Ethernet frame.
    private const int Uint24Length = 3;
    private const int VxlanHeaderLength = sizeof(byte) + Uint24Length + Uint24Length + sizeof(byte);

    // RFC 8926 section 3.4:
    //   version(2 bits) options length(6 bits) O(1 bit) C(1 bit) reserved(6 bits) protocol type(2)
    //   VNI(3) reserved(1) options(options length * 4)
    private const int GeneveVersionAndOptionsLengthOffset = 0;
    private const int GeneveProtocolTypeOffset = GeneveVersionAndOptionsLengthOffset + sizeof(ushort);
    private const int GeneveFixedHeaderLength = GeneveProtocolTypeOffset + sizeof(ushort) + sizeof(uint);
    private const int GeneveVersionShift = 6;
    private const int GeneveVersion0 = 0;
    private const int GeneveOptionsLengthMask = 0x3F;
    private const int GeneveOptionsLengthUnitBytes = 4;

    // 3GPP TS 29.281 section 5.1:
    //   version(3 bits) PT(1 bit) spare(1 bit) E(1 bit) S(1 bit) PN(1 bit) message type(1)
    //   length(2) TEID(4) [sequence number(2) N-PDU number(1) next extension header type(1)]
    // The length counts every byte after the TEID; the optional fields are present, together,
    // when any of E, S or PN is set.
    private const int GtpFlagsOffset = 0;
    private const int GtpMessageTypeOffset = GtpFlagsOffset + 1;
    private const int GtpLengthOffset = GtpMessageTypeOffset + 1;
    private const int GtpMandatoryHeaderLength = GtpLengthOffset + sizeof(ushort) + sizeof(uint);
    private const int GtpOptionalFieldsLength = sizeof(ushort) + 1 + 1;
    private const int GtpNextExtensionTypeOffset = GtpMandatoryHeaderLength + GtpOptionalFieldsLength - 1;
    private const byte GtpVersionAndProtocolTypeMask = 0xF0;
    private const byte GtpVersion1Gtp = 0x30;
    private const byte GtpOptionalFieldFlags = 0x07;
    private const byte GtpExtensionFlag = 0x04;
    private const byte GtpGPduMessageType = 0xFF;
    private const byte GtpNoMoreExtensionHeaders = 0x00;

    // 3GPP TS 29.281 section 5.2.1: extension header length(1) in 4-octet units, content,
    // next extension header type(1) as its last byte.
    private const int GtpExtensionLengthUnitBytes = 4;

    /// <summary>Decodes the UDP datagram at <paramref name="offset"/> inside an IP packet.</summary>
    internal static FrameDecodeStatus Decode(
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        int depth,
        out TcpSegment segment)
    {
        // RFC 768: the length covers header and data; 0 only in IPv6 jumbograms (RFC 2675).
        segment = default;
        if (!PacketBounds.Fits(
            offset,
            UdpHeaderLength,
            packet.Length,
            declaredEnd,
            out var shortfall))
        {
            return shortfall;
        }
        var port = (UdpTunnelPort)BinaryPrimitives.ReadUInt16BigEndian(
            packet[(offset + UdpDestinationPortOffset)..]);
        if (port is not (UdpTunnelPort.Vxlan or UdpTunnelPort.Geneve or UdpTunnelPort.GtpUser))
        {
            return FrameDecodeStatus.NotTcp;
        }
        int udpLength = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + UdpLengthOffset)..]);
        if (udpLength != 0)
        {
            if (udpLength < UdpHeaderLength
                || !TryEndAt(offset, udpLength, ref packet, ref declaredEnd))
            {
                return FrameDecodeStatus.Malformed;
            }
        }
        if (!EncapsulationDepth.TryNest(ref depth))
        {
            return FrameDecodeStatus.NotTcp;
        }

        var tunnelOffset = offset + UdpHeaderLength;
        return port switch
        {
            UdpTunnelPort.Vxlan => DecodeVxlan(packet, tunnelOffset, declaredEnd, depth, out segment),
            UdpTunnelPort.Geneve => DecodeGeneve(packet, tunnelOffset, declaredEnd, depth, out segment),
            _ => DecodeGtpUser(packet, tunnelOffset, declaredEnd, depth, out segment),
        };
    }

    private static FrameDecodeStatus DecodeVxlan(
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        int depth,
        out TcpSegment segment)
    {
        // RFC 7348 section 5: a fixed 8-byte header, then the inner Ethernet frame.
        segment = default;
        if (!PacketBounds.Fits(
            offset,
            VxlanHeaderLength,
            packet.Length,
            declaredEnd,
            out var shortfall))
        {
            return shortfall;
        }

        return EtherTypeDecoder.DecodeEthernet(packet, offset + VxlanHeaderLength, depth, out segment);
    }

    private static FrameDecodeStatus DecodeGeneve(
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        int depth,
        out TcpSegment segment)
    {
        // RFC 8926 section 3.4: options follow the fixed header; the protocol type is an EtherType,
        // 0x6558 for an Ethernet frame.
        segment = default;
        if (!PacketBounds.Fits(
            offset,
            GeneveFixedHeaderLength,
            packet.Length,
            declaredEnd,
            out var shortfall))
        {
            return shortfall;
        }
        var header = packet[offset..];
        var versionAndOptionsLength = header[GeneveVersionAndOptionsLengthOffset];
        if (versionAndOptionsLength >> GeneveVersionShift != GeneveVersion0)
        {
            return FrameDecodeStatus.NotTcp;
        }

        var headerLength = GeneveFixedHeaderLength
            + (versionAndOptionsLength & GeneveOptionsLengthMask) * GeneveOptionsLengthUnitBytes;
        if (!PacketBounds.Fits(
            offset,
            headerLength,
            packet.Length,
            declaredEnd,
            out shortfall))
        {
            return shortfall;
        }

        var protocolType =
            (EtherType)BinaryPrimitives.ReadUInt16BigEndian(header[GeneveProtocolTypeOffset..]);
        return EtherTypeDecoder.DecodePayload(
            packet,
            protocolType,
            offset + headerLength,
            depth,
            out segment);
    }

    private static FrameDecodeStatus DecodeGtpUser(
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        int depth,
        out TcpSegment segment)
    {
        // 3GPP TS 29.281 section 5.1: only a G-PDU carries a user packet, which is IPv4 or IPv6.
        segment = default;
        if (!PacketBounds.Fits(
            offset,
            GtpMandatoryHeaderLength,
            packet.Length,
            declaredEnd,
            out var shortfall))
        {
            return shortfall;
        }
        var header = packet[offset..];
        var flags = header[GtpFlagsOffset];
        if ((flags & GtpVersionAndProtocolTypeMask) != GtpVersion1Gtp
            || header[GtpMessageTypeOffset] != GtpGPduMessageType)
        {
            return FrameDecodeStatus.NotTcp;
        }
        int gtpLength = BinaryPrimitives.ReadUInt16BigEndian(header[GtpLengthOffset..]);
        var userPacketOffset = offset + GtpMandatoryHeaderLength;
        if (!TryEndAt(userPacketOffset, gtpLength, ref packet, ref declaredEnd))
        {
            return FrameDecodeStatus.Malformed;
        }

        if ((flags & GtpOptionalFieldFlags) != 0)
        {
            userPacketOffset += GtpOptionalFieldsLength;
            if (!PacketBounds.Fits(
                offset,
                userPacketOffset - offset,
                packet.Length,
                declaredEnd,
                out shortfall))
            {
                return shortfall;
            }
            if ((flags & GtpExtensionFlag) != 0)
            {
                if (!TrySkipGtpExtensionHeaders(
                    packet,
                    packet[offset + GtpNextExtensionTypeOffset],
                    declaredEnd,
                    ref userPacketOffset,
                    out shortfall))
                {
                    return shortfall;
                }
            }
        }

        return IpPayloadDecoder.DecodeIpPacket(
            packet,
            userPacketOffset,
            depth,
            FrameDecodeStatus.NotTcp,
            out segment);
    }

    /// <summary>
    /// Ends the packet where a length field says so: <paramref name="length"/> bytes from
    /// <paramref name="start"/>, cutting off whatever the capture holds beyond (Ethernet padding,
    /// trailers). False, with nothing changed, when the field claims more than the enclosing
    /// header declares.
    /// </summary>
    private static bool TryEndAt(
        int start,
        int length,
        ref ReadOnlySpan<byte> packet,
        ref int declaredEnd)
    {
        if (length > declaredEnd - start)
        {
            return false;
        }

        declaredEnd = start + length;
        packet = packet[..Math.Min(packet.Length, declaredEnd)];
        return true;
    }

    private static bool TrySkipGtpExtensionHeaders(
        ReadOnlySpan<byte> packet,
        byte nextType,
        int declaredEnd,
        ref int offset,
        out FrameDecodeStatus failure)
    {
        // 3GPP TS 29.281 section 5.2.1: each header moves the offset at least 4 bytes on, so the
        // chain ends within the packet; on success offset is where the user packet starts.
        failure = FrameDecodeStatus.Malformed;
        while (nextType != GtpNoMoreExtensionHeaders)
        {
            if (!PacketBounds.Fits(offset, sizeof(byte), packet.Length, declaredEnd, out failure))
            {
                return false;
            }
            var length = packet[offset] * GtpExtensionLengthUnitBytes;
            if (length == 0)
            {
                failure = FrameDecodeStatus.Malformed;
                return false;
            }
            if (!PacketBounds.Fits(
                offset,
                length,
                packet.Length,
                declaredEnd,
                out failure))
            {
                return false;
            }
            nextType = packet[offset + length - sizeof(byte)];
            offset += length;
        }
        return true;
    }
}
