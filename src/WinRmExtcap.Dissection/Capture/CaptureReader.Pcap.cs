namespace WinRmExtcap.Dissection.Capture;

/// <summary>The classic pcap part of the reader (draft-ietf-opsawg-pcap).</summary>
public sealed partial class CaptureReader
{
    private const long NanosecondsPerMicrosecond = 1_000;

    private const long NanosecondsPerSecond = 1_000_000_000;

    private long pcapFractionToNs;

    /// <summary>draft-ietf-opsawg-pcap section 4: the 24-byte file header.</summary>
    private void ReadPcapFileHeader(bool fileIsBigEndian, bool nanoseconds)
    {
        bigEndian = fileIsBigEndian;
        pcapFractionToNs = nanoseconds ? 1 : NanosecondsPerMicrosecond;
        if (!input.TryEnsure(PcapFormat.FileHeaderLength))
        {
            Damage($"cut short in the file header ({PcapFormat.FileHeaderLength} bytes expected, "
                + $"{input.Available} present)");
            return;
        }

        // Magic (4) | Major (2) | Minor (2) | Reserved1 (4) | Reserved2 (4) | SnapLen (4) | LinkType (4)
        ReadOnlySpan<byte> header = input.Span;
        uint snapLength = ReadUInt32(header[PcapFormat.SnapLengthOffset..]);
        uint linkType = ReadUInt32(header[PcapFormat.LinkTypeOffset..]) & PcapFormat.LinkTypeMask;
        input.Consume(PcapFormat.FileHeaderLength);

        var resolution = nanoseconds ? TimestampResolution.Nanoseconds : TimestampResolution.Microseconds;
        interfaces.Add(new CaptureInterface(
            0,
            MapLinkType(linkType),
            (int)Math.Min(snapLength, int.MaxValue),
            null,
            resolution.TicksPerSecond));
        resolutions.Add(resolution);
    }

    /// <summary>draft-ietf-opsawg-pcap section 5: a 16-byte record header, then the packet bytes.</summary>
    private CaptureReadStatus TryReadPcapRecord(out CapturedPacket packet)
    {
        packet = default;
        long frameNumber = framesRead + 1;
        if (!input.TryEnsure(PcapFormat.RecordHeaderLength))
        {
            return EndOrDamage($"cut short in the record header of packet {frameNumber} "
                + $"({PcapFormat.RecordHeaderLength} bytes expected, {input.Available} present)");
        }

        // Timestamp seconds (4) | fraction (4) | Captured Packet Length (4) | Original Packet Length (4)
        ReadOnlySpan<byte> header = input.Span;
        uint seconds = ReadUInt32(header);
        uint fraction = ReadUInt32(header[4..]);
        uint capturedLength = ReadUInt32(header[8..]);
        uint originalLength = ReadUInt32(header[12..]);
        if (capturedLength > MaxCapturedLength)
        {
            return Damage($"packet {frameNumber} claims {capturedLength} captured bytes, "
                + $"more than the {MaxCapturedLength} this reader accepts");
        }

        int recordLength = PcapFormat.RecordHeaderLength + (int)capturedLength;
        if (!input.TryEnsure(recordLength))
        {
            return Damage($"cut short in the middle of packet {frameNumber} (record header says "
                + $"{capturedLength} bytes, {input.Available - PcapFormat.RecordHeaderLength} present)");
        }

        framesRead = frameNumber;
        packet = new CapturedPacket(
            frameNumber,
            0,
            interfaces[0].LinkType,
            (seconds * NanosecondsPerSecond) + (fraction * pcapFractionToNs),
            (int)Math.Min(originalLength, int.MaxValue),
            input.Memory(PcapFormat.RecordHeaderLength, (int)capturedLength),
            NoComments);
        input.Consume(recordLength);
        return CaptureReadStatus.Packet;
    }
}
