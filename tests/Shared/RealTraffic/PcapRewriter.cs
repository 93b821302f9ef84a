using System.Buffers.Binary;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// Reads a classic pcap file and writes it back with packets reordered, duplicated, dropped, VLAN-tagged,
/// or the file cut inside a record, to make the odd cases from real captures. Record indexes are
/// 0-based (tshark's frame number minus one). Classic pcap only; pcapng is refused.
/// </summary>
public sealed class PcapRewriter
{
    // pcap file format (draft-ietf-opsawg-pcap section 4): magic, version major and minor,
    // reserved (2 x uint32), snap length, link type; then per record (section 5): seconds,
    // fraction, captured length, original length, data.
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;
    private const int FileHeaderLength = 24;
    private const int LinkTypeOffset = 20;
    private const int RecordHeaderLength = 16;
    private const int FractionOffset = 4;
    private const int CapturedLengthOffset = 8;
    private const int OriginalLengthOffset = 12;

    private const uint EthernetLinkType = 1;
    private const int EthernetAddressesLength = 12;
    private const ushort VlanTagProtocolId = 0x8100;
    private const int VlanTagLength = 4;
    private const int VlanIdMask = 0x0FFF;

    private readonly byte[] fileHeader;
    private readonly bool bigEndian;
    private readonly List<PcapRecord> records;

    private PcapRewriter(byte[] fileHeader, bool bigEndian, List<PcapRecord> records)
    {
        this.fileHeader = fileHeader;
        this.bigEndian = bigEndian;
        this.records = records;
    }

    /// <summary>The packet records in file order.</summary>
    public IReadOnlyList<PcapRecord> Records => records;

    /// <summary>The file's link type (1 Ethernet, 276 Linux SLL2, ...).</summary>
    public uint LinkType => ReadUInt32(fileHeader, LinkTypeOffset);

    /// <summary>True when time stamp fractions are nanoseconds.</summary>
    public bool HasNanosecondTimestamps => ReadUInt32(fileHeader, 0) == NanosecondMagic;

    /// <summary>Reads every record of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">Not a classic pcap file, or a record is cut short.</exception>
    public static PcapRewriter Read(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < FileHeaderLength)
        {
            throw new InvalidDataException($"{path} is shorter than a pcap file header");
        }

        uint littleEndianMagic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        uint bigEndianMagic = BinaryPrimitives.ReadUInt32BigEndian(file);
        bool bigEndian = bigEndianMagic is MicrosecondMagic or NanosecondMagic;
        if (!bigEndian && littleEndianMagic is not (MicrosecondMagic or NanosecondMagic))
        {
            throw new InvalidDataException($"{path} is not a classic pcap file (pcapng is not supported)");
        }

        var rewriter = new PcapRewriter(file[..FileHeaderLength], bigEndian, []);
        int offset = FileHeaderLength;
        while (offset < file.Length)
        {
            if (file.Length - offset < RecordHeaderLength)
            {
                throw new InvalidDataException($"{path}: record header cut short at offset {offset}");
            }
            uint capturedLength = rewriter.ReadUInt32(file, offset + CapturedLengthOffset);
            int dataOffset = offset + RecordHeaderLength;
            if (capturedLength > (uint)(file.Length - dataOffset))
            {
                throw new InvalidDataException($"{path}: record data cut short at offset {offset}");
            }
            rewriter.records.Add(new PcapRecord(
                rewriter.ReadUInt32(file, offset),
                rewriter.ReadUInt32(file, offset + FractionOffset),
                rewriter.ReadUInt32(file, offset + OriginalLengthOffset),
                file[dataOffset..(dataOffset + (int)capturedLength)]));
            offset = dataOffset + (int)capturedLength;
        }
        return rewriter;
    }

    /// <summary>
    /// Swaps the packet bytes of two records while each position keeps its time stamp, as when
    /// segments arrive out of order.
    /// </summary>
    public PcapRewriter Swap(int firstIndex, int secondIndex)
    {
        PcapRecord first = records[firstIndex];
        PcapRecord second = records[secondIndex];
        records[firstIndex] = first with { OriginalLength = second.OriginalLength, Data = second.Data };
        records[secondIndex] = second with { OriginalLength = first.OriginalLength, Data = first.Data };
        return this;
    }

    /// <summary>Inserts a copy of a record right after it, as a retransmission seen twice.</summary>
    public PcapRewriter Duplicate(int index)
    {
        PcapRecord original = records[index];
        records.Insert(index + 1, original with { Data = (byte[])original.Data.Clone() });
        return this;
    }

    /// <summary>Removes a record, as a segment the capture missed (a gap in the stream).</summary>
    public PcapRewriter Drop(int index)
    {
        records.RemoveAt(index);
        return this;
    }

    /// <summary>
    /// Inserts an 802.1Q tag with <paramref name="vlanId"/> after the MAC addresses of every
    /// Ethernet frame, for kernels that cannot make VLAN sub-interfaces.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file's link type is not Ethernet.</exception>
    public PcapRewriter InsertVlanTag(int vlanId)
    {
        if (LinkType != EthernetLinkType)
        {
            throw new InvalidOperationException($"VLAN tags need Ethernet frames, not link type {LinkType}");
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(vlanId, VlanIdMask);

        for (int index = 0; index < records.Count; index++)
        {
            PcapRecord record = records[index];
            if (record.Data.Length < EthernetAddressesLength)
            {
                continue;
            }
            byte[] tagged = new byte[record.Data.Length + VlanTagLength];
            record.Data.AsSpan(0, EthernetAddressesLength).CopyTo(tagged);
            Span<byte> tag = tagged.AsSpan(EthernetAddressesLength, VlanTagLength);
            BinaryPrimitives.WriteUInt16BigEndian(tag, VlanTagProtocolId);
            BinaryPrimitives.WriteUInt16BigEndian(tag[sizeof(ushort)..], (ushort)vlanId);
            record.Data.AsSpan(EthernetAddressesLength).CopyTo(tagged.AsSpan(EthernetAddressesLength + VlanTagLength));
            records[index] = record with { OriginalLength = record.OriginalLength + VlanTagLength, Data = tagged };
        }
        return this;
    }

    /// <summary>Writes the records to <paramref name="path"/> in the original byte order and precision.</summary>
    public void Write(string path) => File.WriteAllBytes(path, Serialize());

    /// <summary>
    /// Writes the file cut <paramref name="bytesKept"/> bytes into the last record's data, so the
    /// record header promises more than the file holds: a capture that ended mid-write.
    /// </summary>
    public void WriteTruncated(string path, int bytesKept)
    {
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        PcapRecord last = records[^1];
        ArgumentOutOfRangeException.ThrowIfNegative(bytesKept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bytesKept, last.Data.Length);

        byte[] whole = Serialize();
        int cutLength = whole.Length - last.Data.Length + bytesKept;
        File.WriteAllBytes(path, whole[..cutLength]);
    }

    private byte[] Serialize()
    {
        using var output = new MemoryStream();
        output.Write(fileHeader);
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        foreach (PcapRecord record in records)
        {
            WriteUInt32(header, record.TimestampSeconds);
            WriteUInt32(header[FractionOffset..], record.TimestampFraction);
            WriteUInt32(header[CapturedLengthOffset..], (uint)record.Data.Length);
            WriteUInt32(header[OriginalLengthOffset..], record.OriginalLength);
            output.Write(header);
            output.Write(record.Data);
        }
        return output.ToArray();
    }

    private uint ReadUInt32(byte[] buffer, int offset) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(offset))
        : BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));

    private void WriteUInt32(Span<byte> destination, uint value)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
    }
}
