using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>Reads an IPv4 header and hands its payload on to <see cref="IpPayloadDecoder"/>.</summary>
internal static class Ipv4HeaderDecoder
{
    // RFC 791 section 3.1:
    //   version(4 bits) IHL(4 bits) type of service(1) total length(2) identification(2)
    //   flags(3 bits) fragment offset(13 bits) time to live(1) protocol(1) header checksum(2)
    //   source address(4) destination address(4) options(IHL*4 - 20)
    private const int VersionAndHeaderLengthOffset = 0;
    private const int TypeOfServiceOffset = VersionAndHeaderLengthOffset + 1;
    private const int TotalLengthOffset = TypeOfServiceOffset + 1;
    private const int IdentificationOffset = TotalLengthOffset + sizeof(ushort);
    private const int FlagsAndFragmentOffsetOffset = IdentificationOffset + sizeof(ushort);
    private const int TimeToLiveOffset = FlagsAndFragmentOffsetOffset + sizeof(ushort);
    private const int ProtocolOffset = TimeToLiveOffset + 1;
    private const int HeaderChecksumOffset = ProtocolOffset + 1;
    private const int SourceAddressOffset = HeaderChecksumOffset + sizeof(ushort);
    private const int AddressLength = 4;
    private const int DestinationAddressOffset = SourceAddressOffset + AddressLength;
    internal const int MinimumHeaderLength = DestinationAddressOffset + AddressLength;
    internal const int Version = 4;
    private const int VersionShift = 4;
    private const int HeaderLengthMask = 0x0F;
    private const int HeaderLengthUnitBytes = 4;
    private const ushort MoreFragmentsFlag = 0x2000;
    private const ushort FragmentOffsetMask = 0x1FFF;

    /// <summary>
    /// Decodes the IPv4 datagram that starts at <paramref name="headerOffset"/>, inside
    /// <paramref name="depth"/> encapsulations.
    /// </summary>
    internal static FrameDecodeStatus Decode(
        ReadOnlySpan<byte> frame,
        int headerOffset,
        int depth,
        out TcpSegment segment)
    {
        // RFC 791 section 3.1: IHL counts 32-bit words; total length covers header and data, and
        // is 0 in captures taken before TCP segmentation offload filled it in.
        segment = default;
        if (frame.Length - headerOffset < MinimumHeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        var header = frame[headerOffset..];
        var versionAndHeaderLength = header[VersionAndHeaderLengthOffset];
        var headerLength = (versionAndHeaderLength & HeaderLengthMask) * HeaderLengthUnitBytes;
        if (versionAndHeaderLength >> VersionShift != Version || headerLength < MinimumHeaderLength)
        {
            return FrameDecodeStatus.Malformed;
        }

        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(header[TotalLengthOffset..]);
        if (totalLength == 0)
        {
            totalLength = header.Length;
        }
        if (totalLength < headerLength)
        {
            return FrameDecodeStatus.Malformed;
        }
        if (header.Length < headerLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        // TODO: IPv4 fragments are not reassembled; a certificate inside a fragmented datagram
        // is missed.
        var protocol = (IpProtocolNumber)header[ProtocolOffset];
        var fragmentField = BinaryPrimitives.ReadUInt16BigEndian(header[FlagsAndFragmentOffsetOffset..]);
        if ((fragmentField & (MoreFragmentsFlag | FragmentOffsetMask)) != 0)
        {
            return IpPayloadDecoder.FragmentStatus(protocol);
        }

        var declaredEnd = headerOffset + totalLength;
        return IpPayloadDecoder.Decode(
            protocol,
            frame[..Math.Min(frame.Length, declaredEnd)],
            headerOffset + headerLength,
            declaredEnd,
            ReadAddress(header[SourceAddressOffset..]),
            ReadAddress(header[DestinationAddressOffset..]),
            depth,
            out segment);
    }

    // The IPv4 address sits in the low 32 bits, as IpAddressValue defines it.
    private static IpAddressValue ReadAddress(ReadOnlySpan<byte> address) =>
        new(0, BinaryPrimitives.ReadUInt32BigEndian(address), IsIpv6: false);
}
