using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Tls;

/// <summary>
/// A forward-only reader over a span of TLS wire bytes (RFC 8446 section 3, presentation
/// language). Every read checks bounds and reports failure instead of throwing, so a parser
/// built on it needs one check per structure.
/// </summary>
public ref struct WireReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    public WireReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Remaining => _buffer.Length - _position;

    public readonly int Position => _position;

    public readonly ReadOnlySpan<byte> Rest => _buffer[_position..];

    /// <summary>Reads a 24-bit big-endian length, the width TLS uses for handshake lengths.</summary>
    public static int ReadUInt24(ReadOnlySpan<byte> source) => (source[0] << 16) | (source[1] << 8) | source[2];

    public bool TryReadUInt8(out byte value)
    {
        value = 0;
        if (Remaining < sizeof(byte))
        {
            return false;
        }
        value = _buffer[_position++];
        return true;
    }

    public bool TryReadUInt16(out ushort value)
    {
        value = 0;
        if (Remaining < sizeof(ushort))
        {
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_buffer[_position..]);
        _position += sizeof(ushort);
        return true;
    }

    public bool TryReadUInt24(out int value)
    {
        const int uint24Length = 3;
        value = 0;
        if (Remaining < uint24Length)
        {
            return false;
        }
        value = ReadUInt24(_buffer[_position..]);
        _position += uint24Length;
        return true;
    }

    public bool TryReadBytes(int length, out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (length < 0 || Remaining < length)
        {
            return false;
        }
        bytes = _buffer.Slice(_position, length);
        _position += length;
        return true;
    }

    /// <summary>Reads an opaque vector with a 1-byte length prefix (<c>opaque x&lt;0..2^8-1&gt;</c>).</summary>
    public bool TryReadVector8(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadUInt8(out var length) && TryReadBytes(length, out bytes);
    }

    /// <summary>Reads an opaque vector with a 2-byte length prefix (<c>opaque x&lt;0..2^16-1&gt;</c>).</summary>
    public bool TryReadVector16(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadUInt16(out var length) && TryReadBytes(length, out bytes);
    }

    /// <summary>Reads an opaque vector with a 3-byte length prefix (<c>opaque x&lt;0..2^24-1&gt;</c>).</summary>
    public bool TryReadVector24(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        return TryReadUInt24(out var length) && TryReadBytes(length, out bytes);
    }
}
