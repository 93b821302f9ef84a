using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>
/// Reads an IPv6 header and its extension header chain, and hands the upper-layer payload on to
/// <see cref="IpPayloadDecoder"/>.
/// </summary>
internal static class Ipv6HeaderDecoder
{
    // RFC 8200 section 3:
    //   version(4 bits) traffic class(8 bits) flow label(20 bits) payload length(2) next header(1)
    //   hop limit(1) source address(16) destination address(16)
    private const int VersionOffset = 0;
    private const int PayloadLengthOffset = VersionOffset + sizeof(uint);
    private const int NextHeaderOffset = PayloadLengthOffset + sizeof(ushort);
    private const int HopLimitOffset = NextHeaderOffset + 1;
    private const int SourceAddressOffset = HopLimitOffset + 1;
    private const int AddressLength = 16;
    private const int DestinationAddressOffset = SourceAddressOffset + AddressLength;
    internal const int HeaderLength = DestinationAddressOffset + AddressLength;
    internal const int Version = 6;
    private const int VersionShift = 4;

    // RFC 8200 section 4.3-4.6: Hop-by-Hop, Routing and Destination Options headers start
    // next header(1) header extension length(1), the length counting 8-octet units beyond the first.
    private const int ExtensionNextHeaderOffset = 0;
    private const int ExtensionLengthOffset = ExtensionNextHeaderOffset + 1;
    private const int ExtensionPrefixLength = ExtensionLengthOffset + 1;
    private const int OptionsLengthUnitBytes = 8;
    private const int OptionsLengthBias = 1;

    // RFC 8200 section 4.5, Fragment header:
    //   next header(1) reserved(1) fragment offset(13 bits) reserved(2 bits) M(1 bit) identification(4)
    private const int FragmentFieldOffset = ExtensionLengthOffset + 1;
    private const int FragmentHeaderLength = FragmentFieldOffset + sizeof(ushort) + sizeof(uint);
    private const int FragmentOffsetShift = 3;
    private const ushort MoreFragmentsFlag = 0x0001;

    // RFC 4302 section 2.2: the AH payload length counts 4-octet units, minus 2.
    private const int AuthenticationLengthUnitBytes = 4;
    private const int AuthenticationLengthBias = 2;

    /// <summary>
    /// Decodes the IPv6 packet that starts at <paramref name="headerOffset"/>, inside
    /// <paramref name="depth"/> encapsulations.
    /// </summary>
    internal static FrameDecodeStatus Decode(
        ReadOnlySpan<byte> frame,
        int headerOffset,
        int depth,
        out TcpSegment segment)
    {
        // RFC 8200 section 3: a payload length of 0 means a jumbogram (RFC 2675) or a capture taken
        // before segmentation offload filled it in; either way the captured length is all we have.
        segment = default;
        if (frame.Length - headerOffset < HeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        var header = frame[headerOffset..];
        if (header[VersionOffset] >> VersionShift != Version)
        {
            return FrameDecodeStatus.Malformed;
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(header[PayloadLengthOffset..]);
        var declaredEnd = payloadLength == 0
            ? frame.Length
            : headerOffset + HeaderLength + payloadLength;
        var capturedEnd = Math.Min(frame.Length, declaredEnd);
        var upperLayerOffset = headerOffset + HeaderLength;
        if (!TrySkipExtensionHeaders(
            frame,
            (IpProtocolNumber)header[NextHeaderOffset],
            capturedEnd,
            declaredEnd,
            ref upperLayerOffset,
            out var upperLayerProtocol,
            out var failure))
        {
            return failure;
        }

        return IpPayloadDecoder.Decode(
            upperLayerProtocol,
            frame[..capturedEnd],
            upperLayerOffset,
            declaredEnd,
            ReadAddress(header[SourceAddressOffset..]),
            ReadAddress(header[DestinationAddressOffset..]),
            depth,
            out segment);
    }

    private static bool TrySkipExtensionHeaders(
        ReadOnlySpan<byte> frame,
        IpProtocolNumber nextHeader,
        int capturedEnd,
        int declaredEnd,
        ref int offset,
        out IpProtocolNumber upperLayerProtocol,
        out FrameDecodeStatus failure)
    {
        // RFC 8200 section 4: follow the chain to the first header that is not an extension; every
        // header moves the offset forward by at least 8 octets, so the loop ends within the frame.
        upperLayerProtocol = nextHeader;
        failure = FrameDecodeStatus.NotTcp;
        while (IsExtensionHeader(upperLayerProtocol))
        {
            var protocol = upperLayerProtocol;
            if (!PacketBounds.Fits(offset, ExtensionPrefixLength, capturedEnd, declaredEnd, out failure))
            {
                return false;
            }
            var length = ExtensionHeaderLength(protocol, frame[offset + ExtensionLengthOffset]);
            if (!PacketBounds.Fits(offset, length, capturedEnd, declaredEnd, out failure))
            {
                return false;
            }

            upperLayerProtocol = (IpProtocolNumber)frame[offset + ExtensionNextHeaderOffset];
            if (protocol == IpProtocolNumber.Ipv6Fragment && !IsAtomicFragment(frame[offset..]))
            {
                // TODO: IPv6 fragments are not reassembled; a certificate inside a fragmented
                // packet is missed.
                failure = IsExtensionHeader(upperLayerProtocol)
                    ? FrameDecodeStatus.Fragment
                    : IpPayloadDecoder.FragmentStatus(upperLayerProtocol);
                return false;
            }
            offset += length;
        }
        return true;
    }

    private static IpAddressValue ReadAddress(ReadOnlySpan<byte> address) => new(
        BinaryPrimitives.ReadUInt64BigEndian(address),
        BinaryPrimitives.ReadUInt64BigEndian(address[sizeof(ulong)..]),
        IsIpv6: true);

    private static bool IsExtensionHeader(IpProtocolNumber protocol) => protocol
        is IpProtocolNumber.Ipv6HopByHopOptions
        or IpProtocolNumber.Ipv6Routing
        or IpProtocolNumber.Ipv6Fragment
        or IpProtocolNumber.Ipv6DestinationOptions
        or IpProtocolNumber.AuthenticationHeader;

    private static int ExtensionHeaderLength(IpProtocolNumber protocol, byte lengthField) =>
        protocol switch
        {
            IpProtocolNumber.Ipv6Fragment => FragmentHeaderLength,
            IpProtocolNumber.AuthenticationHeader =>
                (lengthField + AuthenticationLengthBias) * AuthenticationLengthUnitBytes,
            _ => (lengthField + OptionsLengthBias) * OptionsLengthUnitBytes,
        };

    private static bool IsAtomicFragment(ReadOnlySpan<byte> fragmentHeader)
    {
        // RFC 6946 section 4: offset 0 with M clear is a whole packet that merely carries the header.
        var field = BinaryPrimitives.ReadUInt16BigEndian(fragmentHeader[FragmentFieldOffset..]);
        return field >> FragmentOffsetShift == 0 && (field & MoreFragmentsFlag) == 0;
    }
}
