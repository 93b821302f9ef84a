using System.Buffers.Binary;
using System.Text;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// Writes a little-endian pcapng stream (draft-ietf-opsawg-pcapng): one section, interface blocks
/// as interfaces are added, one Enhanced Packet Block per packet. It never seeks, so the output
/// may be a pipe; each block goes to the stream in one write, and <see cref="Flush"/> pushes it on.
/// </summary>
public sealed class PcapNgWriter : IDisposable
{
    /// <summary>The finest resolution a caller can ask for: the timestamps given are nanoseconds.</summary>
    public const byte MaxTimestampDigits = 9;

    /// <summary>"Section length not specified": the writer does not know how long the stream gets.</summary>
    private const long UnknownSectionLength = -1;

    private readonly Stream output;
    private readonly bool leaveOpen;
    private readonly List<byte> interfaceDigits = [];
    private byte[] block = new byte[CaptureInputBuffer.InitialCapacity / 16];
    private int blockLength;
    private bool disposed;

    /// <summary>
    /// Starts the stream with a Section Header Block, naming <paramref name="application"/> when given.
    /// </summary>
    public PcapNgWriter(Stream output, string? application = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);

        this.output = output;
        this.leaveOpen = leaveOpen;

        // Section 4.1: Byte-Order Magic (4) | Major (2) | Minor (2) | Section Length (8) | options
        StartBlock(PcapNgBlockType.SectionHeader);
        AppendUInt32(PcapNgFormat.ByteOrderMagic);
        AppendUInt16(PcapNgFormat.MajorVersion);
        AppendUInt16(PcapNgFormat.MinorVersion);
        AppendInt64(UnknownSectionLength);
        if (application is not null)
        {
            AppendOption(PcapNgOptionCode.UserApplication, Encoding.UTF8.GetBytes(application));
        }
        AppendEndOfOptions();
        FinishBlock();
    }

    /// <summary>
    /// Writes an Interface Description Block and returns the interface id for
    /// <see cref="WritePacket"/>; ids count from 0 in the order interfaces are added.
    /// </summary>
    /// <param name="linkType">Link-layer type; pcapng stores it in 16 bits.</param>
    /// <param name="snapLength">Most bytes kept per packet, 0 for no limit.</param>
    /// <param name="name">if_name, when given.</param>
    /// <param name="timestampResolutionDecimalDigits">
    /// if_tsresol: timestamps count 10^-n seconds, n from 0 to 9.
    /// </param>
    public int AddInterface(
        LinkType linkType,
        int snapLength,
        string? name = null,
        byte timestampResolutionDecimalDigits = 9)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)linkType, ushort.MaxValue, nameof(linkType));
        ArgumentOutOfRangeException.ThrowIfNegative(snapLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timestampResolutionDecimalDigits, MaxTimestampDigits);

        // Section 4.2: LinkType (2) | Reserved (2) | SnapLen (4) | options
        StartBlock(PcapNgBlockType.InterfaceDescription);
        AppendUInt16((ushort)linkType);
        AppendUInt16(0);
        AppendUInt32((uint)snapLength);
        if (name is not null)
        {
            AppendOption(PcapNgOptionCode.InterfaceName, Encoding.UTF8.GetBytes(name));
        }
        AppendOption(PcapNgOptionCode.TimestampResolution, [timestampResolutionDecimalDigits]);
        AppendEndOfOptions();
        FinishBlock();

        interfaceDigits.Add(timestampResolutionDecimalDigits);
        return interfaceDigits.Count - 1;
    }

    /// <summary>Writes one packet as an Enhanced Packet Block with an opt_comment per comment.</summary>
    /// <param name="interfaceId">An id returned by <see cref="AddInterface"/>.</param>
    /// <param name="timestampNs">Nanoseconds since the Unix epoch, not negative.</param>
    /// <param name="originalLength">Length on the wire, at least the captured length.</param>
    /// <param name="data">The captured bytes.</param>
    /// <param name="comments">Packet comments, each at most 65535 bytes of UTF-8.</param>
    /// <exception cref="ArgumentException">An argument breaks the rules above.</exception>
    public void WritePacket(
        int interfaceId,
        long timestampNs,
        int originalLength,
        ReadOnlySpan<byte> data,
        IReadOnlyList<string>? comments = null)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(interfaceId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(interfaceId, interfaceDigits.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNs);
        ArgumentOutOfRangeException.ThrowIfLessThan(originalLength, data.Length);

        // Section 4.3: Interface ID (4) | Timestamp (Upper) (4) | Timestamp (Lower) (4) |
        // Captured Packet Length (4) | Original Packet Length (4) | Packet Data (padded) | options
        ulong ticks = TimestampResolution.ToDecimalTicks(timestampNs, interfaceDigits[interfaceId]);
        StartBlock(PcapNgBlockType.EnhancedPacket);
        AppendUInt32((uint)interfaceId);
        AppendUInt32((uint)(ticks >> 32));
        AppendUInt32((uint)ticks);
        AppendUInt32((uint)data.Length);
        AppendUInt32((uint)originalLength);
        AppendPadded(data);
        if (comments is { Count: > 0 })
        {
            foreach (string comment in comments)
            {
                AppendOption(PcapNgOptionCode.Comment, Encoding.UTF8.GetBytes(comment));
            }
            AppendEndOfOptions();
        }
        FinishBlock();
    }

    /// <summary>Flushes the output stream, so a reader at the other end of a pipe sees every packet.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        output.Flush();
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        output.Flush();
        if (!leaveOpen)
        {
            output.Dispose();
        }
    }

    private void StartBlock(PcapNgBlockType type)
    {
        blockLength = 0;
        AppendUInt32((uint)type);
        AppendUInt32(0);
    }

    /// <summary>Fills in the Block Total Length at both ends and writes the block.</summary>
    private void FinishBlock()
    {
        int totalLength = blockLength + PcapNgFormat.BlockTrailerLength;
        AppendUInt32((uint)totalLength);
        BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(4), (uint)totalLength);
        output.Write(block, 0, blockLength);
    }

    private void AppendOption(PcapNgOptionCode code, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException(
                $"a pcapng option holds at most {ushort.MaxValue} bytes, not {value.Length}",
                nameof(value));
        }

        AppendUInt16((ushort)code);
        AppendUInt16((ushort)value.Length);
        AppendPadded(value);
    }

    private void AppendEndOfOptions()
    {
        AppendUInt16((ushort)PcapNgOptionCode.EndOfOptions);
        AppendUInt16(0);
    }

    private void AppendPadded(ReadOnlySpan<byte> value)
    {
        int padded = PcapNgFormat.Pad(value.Length);
        Span<byte> target = Reserve(padded);
        value.CopyTo(target);
        target[value.Length..].Clear();
    }

    private void AppendUInt16(ushort value) =>
        BinaryPrimitives.WriteUInt16LittleEndian(Reserve(sizeof(ushort)), value);

    private void AppendUInt32(uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(sizeof(uint)), value);

    private void AppendInt64(long value) =>
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(sizeof(long)), value);

    private Span<byte> Reserve(int length)
    {
        if (blockLength + length > block.Length)
        {
            Array.Resize(ref block, Math.Max(block.Length * 2, blockLength + length));
        }

        Span<byte> reserved = block.AsSpan(blockLength, length);
        blockLength += length;
        return reserved;
    }
}
