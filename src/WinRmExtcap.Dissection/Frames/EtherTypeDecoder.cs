using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Reads what an EtherType announces: Ethernet and VLAN tags, PPPoE sessions, MPLS label stacks,
/// and IPv4 or IPv6. GRE and Geneve hand their payload in here too, since they name it by EtherType.
/// </summary>
internal static class EtherTypeDecoder
{
    // IEEE 802.3 clause 3.1.1: destination(6) source(6) EtherType or length(2).
    private const int MacAddressLength = 6;
    private const int EthernetTypeOffset = MacAddressLength + MacAddressLength;
    internal const int EthernetHeaderLength = EthernetTypeOffset + sizeof(ushort);

    // IEEE 802.1Q clause 9.3: a tag is TPID(2) TCI(2); the TPID sits where the EtherType was, so
    // the encapsulated EtherType is one tag length further on.
    private const int VlanTagLength = sizeof(ushort) + sizeof(ushort);

    // RFC 2516 section 4: version(4 bits) type(4 bits) code(1) session id(2) length(2), then the
    // PPP protocol field (RFC 1661 section 2) counted in that length.
    private const int PppoeVersionAndTypeOffset = 0;
    private const int PppoeCodeOffset = PppoeVersionAndTypeOffset + 1;
    private const int PppoeSessionIdOffset = PppoeCodeOffset + 1;
    private const int PppoeLengthOffset = PppoeSessionIdOffset + sizeof(ushort);
    private const int PppoeHeaderLength = PppoeLengthOffset + sizeof(ushort);
    private const int PppProtocolLength = sizeof(ushort);
    private const byte PppoeVersion1Type1 = 0x11;
    private const byte PppoeSessionDataCode = 0x00;

    // RFC 3032 section 2.1: label(20 bits) traffic class(3 bits) bottom of stack(1 bit) TTL(8 bits).
    private const int MplsLabelStackEntryLength = sizeof(uint);
    private const uint MplsBottomOfStackFlag = 0x0000_0100;

    /// <summary>Decodes the Ethernet II frame that starts at <paramref name="offset"/>.</summary>
    internal static FrameDecodeStatus DecodeEthernet(
        ReadOnlySpan<byte> frame,
        int offset,
        int depth,
        out TcpSegment segment)
    {
        // IEEE 802.3 clause 3.2.6: a type/length value below 0x0600 is an 802.3 length (LLC follows).
        segment = default;
        if (frame.Length - offset < EthernetHeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }
        var typeOffset = offset + EthernetTypeOffset;
        var typeOrLength = BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        if (typeOrLength < (ushort)EtherType.MinimumEtherType)
        {
            return FrameDecodeStatus.NotTcp;
        }

        return DecodeTagged(frame, typeOffset, offset + EthernetHeaderLength, depth, out segment);
    }

    /// <summary>
    /// Decodes from the EtherType at <paramref name="typeOffset"/>, whose payload starts at
    /// <paramref name="payloadOffset"/>, through any VLAN tags.
    /// </summary>
    internal static FrameDecodeStatus DecodeTagged(
        ReadOnlySpan<byte> frame,
        int typeOffset,
        int payloadOffset,
        int depth,
        out TcpSegment segment)
    {
        // IEEE 802.1Q clause 9.5 and 802.1ad: any number of stacked C-VLAN or S-VLAN tags may sit
        // between the header and the payload; each one moves the EtherType four bytes on.
        segment = default;
        if (frame.Length < payloadOffset)
        {
            return FrameDecodeStatus.Truncated;
        }

        var etherType = (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        while (etherType
            is EtherType.CustomerVlanTag
            or EtherType.ServiceVlanTag
            or EtherType.LegacyQinQTag)
        {
            typeOffset += VlanTagLength;
            payloadOffset += VlanTagLength;
            if (frame.Length < payloadOffset)
            {
                return FrameDecodeStatus.Truncated;
            }
            etherType = (EtherType)BinaryPrimitives.ReadUInt16BigEndian(frame[typeOffset..]);
        }

        return DecodePayload(frame, etherType, payloadOffset, depth, out segment);
    }

    /// <summary>
    /// Decodes the payload at <paramref name="offset"/> that <paramref name="etherType"/> names.
    /// </summary>
    internal static FrameDecodeStatus DecodePayload(
        ReadOnlySpan<byte> frame,
        EtherType etherType,
        int offset,
        int depth,
        out TcpSegment segment)
    {
        // IEEE Registration Authority EtherType registry; 0x6558 from RFC 1701 section 3.3.
        segment = default;
        return etherType switch
        {
            EtherType.Ipv4 => Ipv4HeaderDecoder.Decode(frame, offset, depth, out segment),
            EtherType.Ipv6 => Ipv6HeaderDecoder.Decode(frame, offset, depth, out segment),
            EtherType.TransparentEthernetBridging => DecodeEthernet(frame, offset, depth, out segment),
            EtherType.PppoeSession => DecodePppoeSession(frame, offset, depth, out segment),
            EtherType.MplsUnicast or EtherType.MplsMulticast =>
                DecodeMplsLabelStack(frame, offset, depth, out segment),
            _ => FrameDecodeStatus.NotTcp,
        };
    }

    private static FrameDecodeStatus DecodePppoeSession(
        ReadOnlySpan<byte> frame,
        int offset,
        int depth,
        out TcpSegment segment)
    {
        // RFC 2516 section 4: a session packet has version 1, type 1, code 0; its length field
        // covers the PPP frame and excludes Ethernet padding.
        segment = default;
        if (!EncapsulationDepth.TryNest(ref depth))
        {
            return FrameDecodeStatus.NotTcp;
        }
        if (frame.Length - offset < PppoeHeaderLength + PppProtocolLength)
        {
            return FrameDecodeStatus.Truncated;
        }
        var header = frame[offset..];
        if (header[PppoeVersionAndTypeOffset] != PppoeVersion1Type1
            || header[PppoeCodeOffset] != PppoeSessionDataCode)
        {
            return FrameDecodeStatus.NotTcp;
        }
        int pppLength = BinaryPrimitives.ReadUInt16BigEndian(header[PppoeLengthOffset..]);
        if (pppLength < PppProtocolLength)
        {
            return FrameDecodeStatus.Malformed;
        }

        var pppOffset = offset + PppoeHeaderLength;
        var pppEnd = Math.Min(frame.Length, pppOffset + pppLength);
        var protocol = (PppProtocol)BinaryPrimitives.ReadUInt16BigEndian(frame[pppOffset..]);
        var packetOffset = pppOffset + PppProtocolLength;
        return protocol switch
        {
            PppProtocol.Ipv4 => Ipv4HeaderDecoder.Decode(frame[..pppEnd], packetOffset, depth, out segment),
            PppProtocol.Ipv6 => Ipv6HeaderDecoder.Decode(frame[..pppEnd], packetOffset, depth, out segment),
            _ => FrameDecodeStatus.NotTcp,
        };
    }

    private static FrameDecodeStatus DecodeMplsLabelStack(
        ReadOnlySpan<byte> frame,
        int offset,
        int depth,
        out TcpSegment segment)
    {
        // RFC 3032 section 2.1: label stack entries until the one with the bottom-of-stack bit;
        // RFC 4928 section 2: the first nibble after it tells IPv4 and IPv6 from anything else.
        segment = default;
        if (!EncapsulationDepth.TryNest(ref depth))
        {
            return FrameDecodeStatus.NotTcp;
        }

        while (true)
        {
            if (frame.Length - offset < MplsLabelStackEntryLength)
            {
                return FrameDecodeStatus.Truncated;
            }
            var entry = BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]);
            offset += MplsLabelStackEntryLength;
            if ((entry & MplsBottomOfStackFlag) != 0)
            {
                break;
            }
        }

        // TODO: pseudowires (a control word, then Ethernet) are not opened; TCP inside them is missed.
        return IpPayloadDecoder.DecodeIpPacket(
            frame,
            offset,
            depth,
            FrameDecodeStatus.NotTcp,
            out segment);
    }
}
