using System.Buffers.Binary;
using System.Text;

namespace WinRmExtcap.Dissection.Tests.Capture;

/// <summary>
/// Builds pcapng files block by block in either byte order, for tests that need structures too
/// long to spell out byte by byte. Every block follows draft-ietf-opsawg-pcapng: type, total
/// length, body padded to 4, total length again.
/// </summary>
internal sealed class PcapNgBuilder
{
    private readonly MemoryStream file = new();
    private readonly List<int> blockEnds = [];
    private bool bigEndian;

    /// <summary>File offsets at which a block ends: the clean cut points.</summary>
    public IReadOnlyList<int> BlockEnds => blockEnds;

    /// <summary>Section Header Block, version 1.0, section length unknown.</summary>
    public PcapNgBuilder Section(bool bigEndianSection = false)
    {
        bigEndian = bigEndianSection;
        var body = new List<byte>();
        Add(body, 0x1A2B3C4Du);
        Add(body, (ushort)1);
        Add(body, (ushort)0);
        Add(body, ulong.MaxValue);
        return Block(0x0A0D0D0A, [.. body]);
    }

    /// <summary>Interface Description Block with optional if_name, if_tsresol and if_tsoffset.</summary>
    public PcapNgBuilder Interface(
        ushort linkType,
        uint snapLength = 0,
        string? name = null,
        byte? resolution = null,
        long? offsetSeconds = null)
    {
        var body = new List<byte>();
        Add(body, linkType);
        Add(body, (ushort)0);
        Add(body, snapLength);
        if (name is not null)
        {
            AddOption(body, 2, Encoding.UTF8.GetBytes(name));
        }
        if (resolution is not null)
        {
            AddOption(body, 9, [resolution.Value]);
        }
        if (offsetSeconds is not null)
        {
            var offset = new byte[8];
            if (bigEndian)
            {
                BinaryPrimitives.WriteInt64BigEndian(offset, offsetSeconds.Value);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(offset, offsetSeconds.Value);
            }
            AddOption(body, 14, offset);
        }
        AddOption(body, 0, []);
        return Block(1, [.. body]);
    }

    /// <summary>Enhanced Packet Block with an opt_comment per comment.</summary>
    public PcapNgBuilder EnhancedPacket(
        uint interfaceId,
        ulong ticks,
        byte[] data,
        uint? originalLength = null,
        params string[] comments)
    {
        var body = new List<byte>();
        Add(body, interfaceId);
        AddPacketTail(body, ticks, data, originalLength, comments);
        return Block(6, [.. body]);
    }

    /// <summary>Obsolete Packet Block: 16-bit interface id and drops count, then as an EPB.</summary>
    public PcapNgBuilder ObsoletePacket(ushort interfaceId, ulong ticks, byte[] data, params string[] comments)
    {
        var body = new List<byte>();
        Add(body, interfaceId);
        Add(body, (ushort)0);
        AddPacketTail(body, ticks, data, null, comments);
        return Block(2, [.. body]);
    }

    /// <summary>Simple Packet Block: original length, then the data padded to 4.</summary>
    public PcapNgBuilder SimplePacket(uint originalLength, byte[] data)
    {
        var body = new List<byte>();
        Add(body, originalLength);
        AddPadded(body, data);
        return Block(3, [.. body]);
    }

    /// <summary>Decryption Secrets Block without options.</summary>
    public PcapNgBuilder DecryptionSecrets(uint secretsType, byte[] data)
    {
        var body = new List<byte>();
        Add(body, secretsType);
        Add(body, (uint)data.Length);
        AddPadded(body, data);
        return Block(0x0A, [.. body]);
    }

    /// <summary>Any block; the body must already be padded to 4.</summary>
    public PcapNgBuilder Block(uint type, byte[] body)
    {
        var lengthBytes = new List<byte>();
        Add(lengthBytes, type);
        Add(lengthBytes, (uint)(12 + body.Length));
        file.Write([.. lengthBytes]);
        file.Write(body);
        file.Write([.. lengthBytes.Skip(4)]);
        blockEnds.Add((int)file.Length);
        return this;
    }

    public byte[] ToArray() => file.ToArray();

    private void AddPacketTail(List<byte> body, ulong ticks, byte[] data, uint? originalLength, string[] comments)
    {
        Add(body, (uint)(ticks >> 32));
        Add(body, (uint)ticks);
        Add(body, (uint)data.Length);
        Add(body, originalLength ?? (uint)data.Length);
        AddPadded(body, data);
        foreach (var comment in comments)
        {
            AddOption(body, 1, Encoding.UTF8.GetBytes(comment));
        }
        if (comments.Length > 0)
        {
            AddOption(body, 0, []);
        }
    }

    private void AddOption(List<byte> body, ushort code, byte[] value)
    {
        Add(body, code);
        Add(body, (ushort)value.Length);
        AddPadded(body, value);
    }

    private static void AddPadded(List<byte> body, byte[] value)
    {
        body.AddRange(value);
        body.AddRange(new byte[(4 - (value.Length % 4)) % 4]);
    }

    private void Add(List<byte> body, ushort value)
    {
        var bytes = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }
        body.AddRange(bytes);
    }

    private void Add(List<byte> body, uint value)
    {
        var bytes = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }
        body.AddRange(bytes);
    }

    private void Add(List<byte> body, ulong value)
    {
        var bytes = new byte[8];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }
        body.AddRange(bytes);
    }
}
