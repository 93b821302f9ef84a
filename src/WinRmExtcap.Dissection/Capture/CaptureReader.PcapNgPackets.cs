using System.Buffers.Binary;
using System.Text;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>The pcapng packet blocks: Enhanced, obsolete and Simple Packet Blocks, secrets, comments.</summary>
public sealed partial class CaptureReader
{
    /// <summary>
    /// Section 4.3 (Enhanced Packet Block): Interface ID (4) | Timestamp (Upper) (4) | Timestamp
    /// (Lower) (4) | Captured Packet Length (4) | Original Packet Length (4) | Packet Data
    /// (padded) | options. Appendix A (obsolete Packet Block) is the same but for a 2-byte
    /// Interface ID followed by a 2-byte Drops Count.
    /// </summary>
    private CaptureReadStatus ReadFullPacket(
        ReadOnlySpan<byte> body,
        long frameNumber,
        bool obsoleteLayout,
        out CapturedPacket packet)
    {
        packet = default;
        var fixedLength = obsoleteLayout
            ? PcapNgFormat.ObsoletePacketFixedLength
            : PcapNgFormat.EnhancedPacketFixedLength;
        if (body.Length < fixedLength)
        {
            return Damage($"packet {frameNumber} has a {body.Length}-byte block body, shorter than its "
                + $"{fixedLength} fixed bytes");
        }

        var interfaceId = obsoleteLayout ? ReadUInt16(body) : ReadUInt32(body);
        return ReadPacketBody(body, frameNumber, interfaceId, fixedLength, out packet);
    }

    /// <summary>The common tail of Enhanced and obsolete Packet Blocks, from the timestamp on.</summary>
    private CaptureReadStatus ReadPacketBody(
        ReadOnlySpan<byte> body,
        long frameNumber,
        uint sectionInterfaceId,
        int fixedLength,
        out CapturedPacket packet)
    {
        packet = default;
        ReadOnlySpan<byte> fields = body[(fixedLength - 16)..];
        ulong ticks = ((ulong)ReadUInt32(fields) << 32) | ReadUInt32(fields[4..]);
        uint capturedLength = ReadUInt32(fields[8..]);
        uint originalLength = ReadUInt32(fields[12..]);
        int room = body.Length - fixedLength;
        if (capturedLength > MaxCapturedLength)
        {
            return Damage($"packet {frameNumber} claims {capturedLength} captured bytes, "
                + $"more than the {MaxCapturedLength} this reader accepts");
        }
        if (capturedLength > (uint)room)
        {
            return Damage($"packet {frameNumber} says {capturedLength} captured bytes but its block "
                + $"holds {room}");
        }
        if (sectionInterfaceId >= (uint)(interfaces.Count - sectionFirstInterface))
        {
            return Damage($"packet {frameNumber} refers to interface {sectionInterfaceId}, but its section "
                + $"has described {interfaces.Count - sectionFirstInterface}");
        }

        int interfaceId = sectionFirstInterface + (int)sectionInterfaceId;
        int optionsOffset = fixedLength + PcapNgFormat.Pad((int)capturedLength);
        IReadOnlyList<string> comments = optionsOffset < body.Length
            ? ReadComments(body[optionsOffset..])
            : NoComments;
        packet = CreatePacket(
            frameNumber,
            interfaceId,
            ticks,
            originalLength,
            PcapNgFormat.BlockHeaderLength + fixedLength,
            (int)capturedLength,
            comments);
        return CaptureReadStatus.Packet;
    }

    /// <summary>
    /// Section 4.4: Original Packet Length (4) | Packet Data (padded). The packet belongs to the
    /// section's first interface and keeps min(SnapLen, original length) bytes.
    /// </summary>
    private CaptureReadStatus ReadSimplePacket(
        ReadOnlySpan<byte> body,
        long frameNumber,
        out CapturedPacket packet)
    {
        packet = default;
        if (interfaces.Count == sectionFirstInterface)
        {
            return Damage($"packet {frameNumber} is a simple packet block before any interface description");
        }
        if (body.Length < PcapNgFormat.SimplePacketFixedLength)
        {
            return Damage($"packet {frameNumber} has a {body.Length}-byte block body, shorter than its "
                + $"{PcapNgFormat.SimplePacketFixedLength} fixed bytes");
        }

        uint originalLength = ReadUInt32(body);
        int snapLength = interfaces[sectionFirstInterface].SnapLength;
        long capturedLength = snapLength == 0 ? originalLength : Math.Min(originalLength, (uint)snapLength);
        int room = body.Length - PcapNgFormat.SimplePacketFixedLength;
        if (capturedLength > room)
        {
            return Damage($"packet {frameNumber} says {capturedLength} captured bytes but its block "
                + $"holds {room}");
        }

        packet = CreatePacket(
            frameNumber,
            sectionFirstInterface,
            ticks: 0,
            originalLength,
            PcapNgFormat.BlockHeaderLength + PcapNgFormat.SimplePacketFixedLength,
            (int)capturedLength,
            NoComments);
        return CaptureReadStatus.Packet;
    }

    /// <summary>Section 4.7: Secrets Type (4) | Secrets Length (4) | Secrets Data (padded) | options.</summary>
    private CaptureReadStatus ReadDecryptionSecrets(ReadOnlySpan<byte> body)
    {
        if (body.Length < PcapNgFormat.DecryptionSecretsFixedLength)
        {
            return Damage($"decryption secrets block at byte {input.Position} is {body.Length} bytes long, "
                + $"shorter than its {PcapNgFormat.DecryptionSecretsFixedLength} fixed bytes");
        }

        uint secretsType = ReadUInt32(body);
        uint secretsLength = ReadUInt32(body[4..]);
        int room = body.Length - PcapNgFormat.DecryptionSecretsFixedLength;
        if (secretsLength > (uint)room)
        {
            return Damage($"decryption secrets block at byte {input.Position} says {secretsLength} bytes "
                + $"but holds {room}");
        }

        byte[] data = body.Slice(PcapNgFormat.DecryptionSecretsFixedLength, (int)secretsLength).ToArray();
        secrets.Add(new DecryptionSecrets(secretsType, data));
        return CaptureReadStatus.Packet;
    }

    private CapturedPacket CreatePacket(
        long frameNumber,
        int interfaceId,
        ulong ticks,
        uint originalLength,
        int dataOffset,
        int capturedLength,
        IReadOnlyList<string> comments)
    {
        framesRead = frameNumber;
        return new CapturedPacket(
            frameNumber,
            interfaceId,
            interfaces[interfaceId].LinkType,
            resolutions[interfaceId].ToUnixNanoseconds(ticks),
            (int)Math.Min(originalLength, int.MaxValue),
            input.Memory(dataOffset, capturedLength),
            comments);
    }

    private IReadOnlyList<string> ReadComments(ReadOnlySpan<byte> optionBytes)
    {
        List<string>? comments = null;
        var options = new PcapNgOptionReader(optionBytes, bigEndian);
        while (options.TryReadNext(out ushort code, out ReadOnlySpan<byte> value))
        {
            if (code == (ushort)PcapNgOptionCode.Comment)
            {
                comments ??= [];
                comments.Add(DecodeOptionText(value));
            }
        }
        return comments ?? NoComments;
    }

    /// <summary>
    /// Section 3.5: string options are UTF-8 without a terminator, but some writers store a NUL
    /// and leftover bytes after the text; like Wireshark, the text ends at the first NUL.
    /// </summary>
    private static string DecodeOptionText(ReadOnlySpan<byte> value)
    {
        int terminator = value.IndexOf((byte)0);
        return Encoding.UTF8.GetString(terminator < 0 ? value : value[..terminator]);
    }
}
