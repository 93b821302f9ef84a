using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Frames;

/// <summary>Reads the fixed part of a TCP header once the IP layer has located it.</summary>
internal static class TcpHeaderDecoder
{
    // RFC 9293 section 3.1, fixed header:
    //   source port(2) destination port(2) sequence number(4) acknowledgement number(4)
    //   data offset(4 bits) reserved(4 bits) control bits(1) window(2) checksum(2) urgent pointer(2)
    private const int SourcePortOffset = 0;
    private const int DestinationPortOffset = SourcePortOffset + sizeof(ushort);
    private const int SequenceNumberOffset = DestinationPortOffset + sizeof(ushort);
    private const int AcknowledgementNumberOffset = SequenceNumberOffset + sizeof(uint);
    private const int DataOffsetOffset = AcknowledgementNumberOffset + sizeof(uint);
    private const int ControlBitsOffset = DataOffsetOffset + 1;
    private const int DataOffsetShift = 4;
    private const int DataOffsetUnitBytes = 4;
    private const int MinimumDataOffset = 5;
    internal const int MinimumHeaderLength = MinimumDataOffset * DataOffsetUnitBytes;

    /// <summary>
    /// Decodes the TCP header at <paramref name="headerOffset"/>. <paramref name="capturedEnd"/> is
    /// where the captured bytes of the IP datagram stop and <paramref name="declaredEnd"/> where the
    /// IP header says the datagram stops (beyond the frame when the snap length cut it).
    /// </summary>
    internal static FrameDecodeStatus Decode(
        ReadOnlySpan<byte> frame,
        int headerOffset,
        int capturedEnd,
        int declaredEnd,
        IpAddressValue sourceAddress,
        IpAddressValue destinationAddress,
        out TcpSegment segment)
    {
        // RFC 9293 section 3.1: the data offset counts 32-bit words and is at least 5.
        segment = default;
        if (declaredEnd - headerOffset < MinimumHeaderLength)
        {
            return FrameDecodeStatus.Malformed;
        }
        if (capturedEnd - headerOffset < MinimumHeaderLength)
        {
            return FrameDecodeStatus.Truncated;
        }

        var header = frame[headerOffset..capturedEnd];
        var dataOffset = header[DataOffsetOffset] >> DataOffsetShift;
        var headerLength = dataOffset * DataOffsetUnitBytes;
        if (dataOffset < MinimumDataOffset || headerLength > declaredEnd - headerOffset)
        {
            return FrameDecodeStatus.Malformed;
        }
        if (headerLength > header.Length)
        {
            return FrameDecodeStatus.Truncated;
        }

        var payloadOffset = headerOffset + headerLength;
        segment = new TcpSegment(
            new NetworkEndpoint(
                sourceAddress,
                BinaryPrimitives.ReadUInt16BigEndian(header[SourcePortOffset..])),
            new NetworkEndpoint(
                destinationAddress,
                BinaryPrimitives.ReadUInt16BigEndian(header[DestinationPortOffset..])),
            BinaryPrimitives.ReadUInt32BigEndian(header[SequenceNumberOffset..]),
            BinaryPrimitives.ReadUInt32BigEndian(header[AcknowledgementNumberOffset..]),
            (TcpFlags)header[ControlBitsOffset],
            payloadOffset,
            capturedEnd - payloadOffset,
            declaredEnd - payloadOffset);
        return FrameDecodeStatus.Tcp;
    }
}
