using System.Buffers.Binary;
using System.Text;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>The pcapng part of the reader (draft-ietf-opsawg-pcapng).</summary>
public sealed partial class CaptureReader
{
    private int sectionFirstInterface;

    /// <summary>Reads blocks until one carries a packet; other blocks update the reader's state.</summary>
    private CaptureReadStatus TryReadPcapNgPacket(out CapturedPacket packet)
    {
        packet = default;
        while (true)
        {
            CaptureReadStatus status = TryReadBlock(out int blockLength, out bool isPacket, out packet);
            if (status != CaptureReadStatus.Packet)
            {
                return status;
            }

            input.Consume(blockLength);
            if (isPacket)
            {
                return CaptureReadStatus.Packet;
            }
        }
    }

    /// <summary>
    /// draft-ietf-opsawg-pcapng section 3.1: Block Type (4) | Block Total Length (4) | Body |
    /// Block Total Length (4). Returns Packet for every well-formed block, packet or not.
    /// </summary>
    private CaptureReadStatus TryReadBlock(
        out int blockLength,
        out bool isPacket,
        out CapturedPacket packet)
    {
        blockLength = 0;
        isPacket = false;
        packet = default;
        long frameNumber = framesRead + 1;
        if (!input.TryEnsure(PcapNgFormat.BlockHeaderLength))
        {
            return EndOrDamage($"cut short in a block header after packet {framesRead} "
                + $"({PcapNgFormat.BlockHeaderLength} bytes expected, {input.Available} present)");
        }

        uint blockType = BinaryPrimitives.ReadUInt32LittleEndian(input.Span);
        if (blockType == (uint)PcapNgBlockType.SectionHeader)
        {
            CaptureReadStatus order = TryReadByteOrder(frameNumber);
            if (order != CaptureReadStatus.Packet)
            {
                return order;
            }
        }
        else
        {
            blockType = ReadUInt32(input.Span);
        }

        uint totalLength = ReadUInt32(input.Span[4..]);
        if (totalLength < PcapNgFormat.MinimumBlockLength || totalLength % PcapNgFormat.Alignment != 0
            || totalLength > MaxBlockLength)
        {
            return Damage($"impossible length {totalLength} in the header of "
                + $"{Describe(blockType, frameNumber)} at byte {input.Position}");
        }

        blockLength = (int)totalLength;
        if (!input.TryEnsure(blockLength))
        {
            return Damage($"cut short in the middle of {Describe(blockType, frameNumber)} "
                + $"(block header says {blockLength} bytes, {input.Available} present)");
        }

        ReadOnlySpan<byte> block = input.Span[..blockLength];
        uint trailingLength = ReadUInt32(block[^PcapNgFormat.BlockTrailerLength..]);
        if (trailingLength != totalLength)
        {
            return Damage($"{Describe(blockType, frameNumber)} at byte {input.Position} has length "
                + $"{totalLength} in its header but {trailingLength} in its trailer");
        }

        ReadOnlySpan<byte> body = block[PcapNgFormat.BlockHeaderLength..^PcapNgFormat.BlockTrailerLength];
        isPacket = IsPacketBlock(blockType);
        return (PcapNgBlockType)blockType switch
        {
            PcapNgBlockType.SectionHeader => ReadSectionHeader(body),
            PcapNgBlockType.InterfaceDescription => ReadInterfaceDescription(body),
            PcapNgBlockType.EnhancedPacket => ReadFullPacket(body, frameNumber, obsoleteLayout: false, out packet),
            PcapNgBlockType.ObsoletePacket => ReadFullPacket(body, frameNumber, obsoleteLayout: true, out packet),
            PcapNgBlockType.SimplePacket => ReadSimplePacket(body, frameNumber, out packet),
            PcapNgBlockType.DecryptionSecrets => ReadDecryptionSecrets(body),
            _ => CaptureReadStatus.Packet,
        };
    }

    /// <summary>Names a block in a damage reason: packets by frame number, other blocks by type.</summary>
    private static string Describe(uint blockType, long frameNumber) =>
        IsPacketBlock(blockType) ? $"packet {frameNumber}" : $"block type 0x{blockType:X8}";

    private static bool IsPacketBlock(uint blockType) => (PcapNgBlockType)blockType
        is PcapNgBlockType.EnhancedPacket or PcapNgBlockType.SimplePacket or PcapNgBlockType.ObsoletePacket;

    /// <summary>Section 4.1: the byte-order magic after the Block Total Length sets the section's order.</summary>
    private CaptureReadStatus TryReadByteOrder(long frameNumber)
    {
        const int MagicEnd = PcapNgFormat.BlockHeaderLength + 4;
        if (!input.TryEnsure(MagicEnd))
        {
            return Damage($"cut short in a section header after packet {frameNumber - 1} "
                + $"({MagicEnd} bytes expected, {input.Available} present)");
        }

        ReadOnlySpan<byte> magic = input.Span[PcapNgFormat.BlockHeaderLength..];
        if (BinaryPrimitives.ReadUInt32LittleEndian(magic) == PcapNgFormat.ByteOrderMagic)
        {
            bigEndian = false;
        }
        else if (BinaryPrimitives.ReadUInt32BigEndian(magic) == PcapNgFormat.ByteOrderMagic)
        {
            bigEndian = true;
        }
        else
        {
            return Damage($"section header at byte {input.Position} has an unknown byte-order magic "
                + $"({Convert.ToHexString(magic[..4])})");
        }
        return CaptureReadStatus.Packet;
    }

    /// <summary>Section 4.1: Byte-Order Magic (4) | Major (2) | Minor (2) | Section Length (8) | options.</summary>
    private CaptureReadStatus ReadSectionHeader(ReadOnlySpan<byte> body)
    {
        if (body.Length < PcapNgFormat.SectionHeaderFixedLength)
        {
            return Damage($"section header at byte {input.Position} is {body.Length} bytes long, "
                + $"shorter than its {PcapNgFormat.SectionHeaderFixedLength} fixed bytes");
        }

        ushort major = ReadUInt16(body[4..]);
        if (major != PcapNgFormat.MajorVersion)
        {
            return Damage($"section header at byte {input.Position} has unsupported version "
                + $"{major}.{ReadUInt16(body[6..])}");
        }

        // Interface ids restart in every section; ours keep counting so they stay unique in the file.
        sectionFirstInterface = interfaces.Count;
        return CaptureReadStatus.Packet;
    }

    /// <summary>Section 4.2: LinkType (2) | Reserved (2) | SnapLen (4) | options.</summary>
    private CaptureReadStatus ReadInterfaceDescription(ReadOnlySpan<byte> body)
    {
        if (body.Length < PcapNgFormat.InterfaceDescriptionFixedLength)
        {
            return Damage($"interface description at byte {input.Position} is {body.Length} bytes long, "
                + $"shorter than its {PcapNgFormat.InterfaceDescriptionFixedLength} fixed bytes");
        }

        ushort linkType = ReadUInt16(body);
        uint snapLength = ReadUInt32(body[4..]);
        string? name = null;
        byte resolutionByte = TimestampResolution.Microseconds.Exponent;
        long offsetSeconds = 0;
        var options = new PcapNgOptionReader(body[PcapNgFormat.InterfaceDescriptionFixedLength..], bigEndian);
        while (options.TryReadNext(out ushort code, out ReadOnlySpan<byte> value))
        {
            switch ((PcapNgOptionCode)code)
            {
                case PcapNgOptionCode.InterfaceName:
                    name = DecodeOptionText(value);
                    break;
                case PcapNgOptionCode.TimestampResolution when value.Length >= 1:
                    resolutionByte = value[0];
                    break;
                case PcapNgOptionCode.TimestampOffset when value.Length >= sizeof(long):
                    offsetSeconds = ReadInt64(value);
                    break;
            }
        }

        var resolution = TimestampResolution.FromOptionByte(resolutionByte, offsetSeconds);
        if (!resolution.IsValid)
        {
            string unit = resolution.IsBinary ? "2" : "10";
            return Damage($"interface {interfaces.Count} has timestamp resolution "
                + $"{unit}^-{resolution.Exponent}, too fine for 64-bit ticks");
        }

        interfaces.Add(new CaptureInterface(
            interfaces.Count,
            MapLinkType(linkType),
            (int)Math.Min(snapLength, int.MaxValue),
            name,
            resolution.TicksPerSecond));
        resolutions.Add(resolution);
        return CaptureReadStatus.Packet;
    }
}
