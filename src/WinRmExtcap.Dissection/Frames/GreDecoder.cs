using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>Opens a GRE header and hands its payload on by the EtherType it names.</summary>
internal static class GreDecoder
{
    // RFC 2784 section 2.1 with RFC 2890 section 2:
    //   C(1 bit) reserved(1 bit) K(1 bit) S(1 bit) reserved0(9 bits) version(3 bits) protocol type(2)
    //   [checksum(2) reserved1(2)] if C, [key(4)] if K, [sequence number(4)] if S
    private const int FlagsAndVersionOffset = 0;
    private const int ProtocolTypeOffset = FlagsAndVersionOffset + sizeof(ushort);
    private const int MandatoryHeaderLength = ProtocolTypeOffset + sizeof(ushort);
    private const int ChecksumFieldLength = sizeof(ushort) + sizeof(ushort);
    private const int KeyFieldLength = sizeof(uint);
    private const int SequenceNumberFieldLength = sizeof(uint);
    private const ushort ChecksumPresentFlag = 0x8000;
    private const ushort RoutingPresentFlag = 0x4000;
    private const ushort KeyPresentFlag = 0x2000;
    private const ushort SequenceNumberPresentFlag = 0x1000;
    private const ushort VersionMask = 0x0007;
    private const ushort Version0 = 0;

    /// <summary>Decodes the GRE packet at <paramref name="offset"/> inside an IP packet.</summary>
    internal static FrameDecodeStatus Decode(
        ReadOnlySpan<byte> packet,
        int offset,
        int declaredEnd,
        int depth,
        out TcpSegment segment)
    {
        // RFC 2784 section 2.1: version 1 is PPTP's enhanced GRE (RFC 2637) and the RFC 1701
        // routing field is obsolete; neither is opened.
        segment = default;
        if (!EncapsulationDepth.TryNest(ref depth))
        {
            return FrameDecodeStatus.NotTcp;
        }
        if (!PacketBounds.Fits(offset, MandatoryHeaderLength, packet.Length, declaredEnd, out var shortfall))
        {
            return shortfall;
        }
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + FlagsAndVersionOffset)..]);
        if ((flags & VersionMask) != Version0 || (flags & RoutingPresentFlag) != 0)
        {
            return FrameDecodeStatus.NotTcp;
        }

        var headerLength = MandatoryHeaderLength
            + ((flags & ChecksumPresentFlag) != 0 ? ChecksumFieldLength : 0)
            + ((flags & KeyPresentFlag) != 0 ? KeyFieldLength : 0)
            + ((flags & SequenceNumberPresentFlag) != 0 ? SequenceNumberFieldLength : 0);
        if (!PacketBounds.Fits(offset, headerLength, packet.Length, declaredEnd, out shortfall))
        {
            return shortfall;
        }

        var protocolType = (EtherType)BinaryPrimitives.ReadUInt16BigEndian(
            packet[(offset + ProtocolTypeOffset)..]);
        return EtherTypeDecoder.DecodePayload(
            packet,
            protocolType,
            offset + headerLength,
            depth,
            out segment);
    }
}
