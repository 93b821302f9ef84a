using System.Buffers.Binary;

namespace WinRmExtcap.Dissection.Tests.Frames;

/// <summary>
/// The smallest classic pcap reader the real-capture test needs (the production reader lives in
/// Capture/ and is deliberately not used here): global header, then record header plus bytes.
/// </summary>
internal static class PcapRecords
{
    // libpcap file format: magic(4) major(2) minor(2) thiszone(4) sigfigs(4) snaplen(4) linktype(4).
    private const int GlobalHeaderLength = 24;
    private const int LinkTypeOffset = 20;
    private const uint MicrosecondMagic = 0xA1B2C3D4;
    private const uint NanosecondMagic = 0xA1B23C4D;

    // Record header: seconds(4) fraction(4) captured length(4) original length(4).
    private const int RecordHeaderLength = 16;
    private const int CapturedLengthOffset = 8;

    /// <summary>True when <paramref name="file"/> starts with a classic pcap magic, either byte order.</summary>
    public static bool IsPcap(byte[] file) =>
        file.Length >= GlobalHeaderLength
        && (ReadMagic(file, bigEndian: false) || ReadMagic(file, bigEndian: true));

    public static uint LinkType(byte[] file) => Read(file, LinkTypeOffset, IsBigEndian(file));

    /// <summary>The captured bytes of every complete record, in file order.</summary>
    public static List<byte[]> Frames(byte[] file)
    {
        var bigEndian = IsBigEndian(file);
        var frames = new List<byte[]>();
        var offset = GlobalHeaderLength;
        while (offset + RecordHeaderLength <= file.Length)
        {
            var capturedLength = (int)Read(file, offset + CapturedLengthOffset, bigEndian);
            offset += RecordHeaderLength;
            if (capturedLength < 0 || offset + capturedLength > file.Length)
            {
                break;
            }
            frames.Add(file[offset..(offset + capturedLength)]);
            offset += capturedLength;
        }
        return frames;
    }

    private static bool IsBigEndian(byte[] file) => ReadMagic(file, bigEndian: true);

    private static bool ReadMagic(byte[] file, bool bigEndian) =>
        Read(file, 0, bigEndian) is MicrosecondMagic or NanosecondMagic;

    private static uint Read(byte[] file, int offset, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset))
        : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
}
