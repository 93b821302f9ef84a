using System.Buffers.Binary;

namespace WinRmExtcap.Control;

/// <summary>
/// One message on a control pipe. Wire layout (Wireshark Developer's Guide, "Control Protocol"):
/// <c>'T' | uint24 length | control number | command | payload</c>, where the big-endian length
/// counts the control number, the command and the payload.
/// </summary>
internal readonly record struct ControlMessage(byte ControlNumber, ControlCommand Command, byte[] Payload)
{
    /// <summary>The sync-pipe indication that starts every toolbar message.</summary>
    public const byte SyncIndication = (byte)'T';

    private const int SyncLength = 1;
    private const int LengthFieldLength = 3;
    private const int ControlNumberLength = 1;
    private const int CommandLength = 1;

    /// <summary>Bytes before the payload.</summary>
    public const int HeaderLength = SyncLength + LengthFieldLength + ControlNumberLength + CommandLength;

    /// <summary>The largest payload the 24-bit length allows Wireshark to read (it caps logger lines).</summary>
    public const int MaxPayloadLength = ushort.MaxValue;

    private const int LengthFieldOffset = SyncLength;
    private const int ControlNumberOffset = LengthFieldOffset + LengthFieldLength;
    private const int CommandOffset = ControlNumberOffset + ControlNumberLength;
    private const int LengthBias = ControlNumberLength + CommandLength;

    public byte[] Encode()
    {
        var payloadLength = Math.Min(Payload.Length, MaxPayloadLength);
        var frame = new byte[HeaderLength + payloadLength];
        frame[0] = SyncIndication;
        WriteUInt24(frame.AsSpan(LengthFieldOffset), payloadLength + LengthBias);
        frame[ControlNumberOffset] = ControlNumber;
        frame[CommandOffset] = (byte)Command;
        Payload.AsSpan(0, payloadLength).CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    /// <summary>
    /// Reads one message from the start of <paramref name="buffer"/>. Returns false, consuming
    /// nothing, when the buffer does not yet hold a whole message. A frame whose first byte is not
    /// <c>'T'</c> is consumed and reported with <paramref name="isToolbarMessage"/> false, as
    /// Wireshark's own reader discards such frames.
    /// </summary>
    public static bool TryDecode(
        ReadOnlySpan<byte> buffer,
        out ControlMessage message,
        out int consumed,
        out bool isToolbarMessage)
    {
        message = default;
        consumed = 0;
        isToolbarMessage = false;
        if (buffer.Length < SyncLength + LengthFieldLength)
        {
            return false;
        }

        var length = ReadUInt24(buffer[LengthFieldOffset..]);
        var frameLength = SyncLength + LengthFieldLength + length;
        if (buffer.Length < frameLength)
        {
            return false;
        }
        consumed = frameLength;
        if (buffer[0] != SyncIndication || length < LengthBias)
        {
            return true;
        }

        isToolbarMessage = true;
        message = new ControlMessage(
            buffer[ControlNumberOffset],
            (ControlCommand)buffer[CommandOffset],
            buffer[HeaderLength..frameLength].ToArray());
        return true;
    }

    private static int ReadUInt24(ReadOnlySpan<byte> source) =>
        (source[0] << 16) | BinaryPrimitives.ReadUInt16BigEndian(source[1..]);

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], (ushort)value);
    }
}
