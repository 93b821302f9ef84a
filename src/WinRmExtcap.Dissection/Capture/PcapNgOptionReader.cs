using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// Walks a pcapng options list (draft-ietf-opsawg-pcapng section 3.5):
/// Option Code (2) | Option Length (2) | Option Value (padded to 4), ended by opt_endofopt.
/// A missing end marker or an option running past the block simply ends the list.
/// </summary>
internal ref struct PcapNgOptionReader
{
    private readonly bool bigEndian;
    private ReadOnlySpan<byte> remaining;

    public PcapNgOptionReader(ReadOnlySpan<byte> options, bool bigEndian)
    {
        remaining = options;
        this.bigEndian = bigEndian;
    }

    /// <summary>False at opt_endofopt, at the end of the bytes, or at an option that does not fit.</summary>
    public bool TryReadNext(out ushort code, out ReadOnlySpan<byte> value)
    {
        code = 0;
        value = default;
        if (remaining.Length < PcapNgFormat.OptionHeaderLength)
        {
            return false;
        }

        code = bigEndian
            ? BinaryPrimitives.ReadUInt16BigEndian(remaining)
            : BinaryPrimitives.ReadUInt16LittleEndian(remaining);
        int length = bigEndian
            ? BinaryPrimitives.ReadUInt16BigEndian(remaining[2..])
            : BinaryPrimitives.ReadUInt16LittleEndian(remaining[2..]);
        if (code == (ushort)PcapNgOptionCode.EndOfOptions
            || length > remaining.Length - PcapNgFormat.OptionHeaderLength)
        {
            remaining = default;
            return false;
        }

        value = remaining.Slice(PcapNgFormat.OptionHeaderLength, length);
        int padded = Math.Min(PcapNgFormat.Pad(length), remaining.Length - PcapNgFormat.OptionHeaderLength);
        remaining = remaining[(PcapNgFormat.OptionHeaderLength + padded)..];
        return true;
    }
}
