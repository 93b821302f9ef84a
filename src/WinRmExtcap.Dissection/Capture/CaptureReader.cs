using System.Buffers.Binary;
using System.IO.Compression;

namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// Reads pcap and pcapng captures, gzip-compressed or not, from a file or a forward-only stream
/// such as standard input. Malformed content never throws: reading stops with
/// <see cref="CaptureReadStatus.Damaged"/> and a <see cref="DamageReason"/>.
/// </summary>
/// <remarks>
/// A record may hold up to <see cref="MaxCapturedLength"/> captured bytes, more than the 262144
/// that tshark accepts, because the bytes are only trusted when they are actually present: a
/// larger claim, or a claim the file cannot back, stops reading as damaged.
/// </remarks>
public sealed partial class CaptureReader : IDisposable
{
    /// <summary>The most captured bytes one packet may claim (16 MiB).</summary>
    public const int MaxCapturedLength = 16 * 1024 * 1024;

    /// <summary>The largest pcapng block read: a packet at the cap plus room for its options.</summary>
    public const int MaxBlockLength = 2 * MaxCapturedLength;

    private const string StandardInputName = "-";

    private const int MagicLength = 4;

    private const byte GzipMagic1 = 0x1F;

    private const byte GzipMagic2 = 0x8B;

    private static readonly IReadOnlyList<string> NoComments = [];

    private readonly CaptureInputBuffer input;
    private readonly ReplayStream? compressedSource;
    private readonly List<CaptureInterface> interfaces = [];
    private readonly List<TimestampResolution> resolutions = [];
    private readonly List<DecryptionSecrets> secrets = [];
    private bool bigEndian;
    private long framesRead;
    private bool ended;

    private CaptureReader(
        CaptureInputBuffer input,
        ReplayStream? compressedSource,
        CaptureFileFormat format,
        string displayName,
        long? totalBytes)
    {
        this.input = input;
        this.compressedSource = compressedSource;
        Format = format;
        DisplayName = displayName;
        TotalBytes = totalBytes;
    }

    /// <summary>The name given when opening: the path, or "standard input".</summary>
    public string DisplayName { get; }

    public CaptureFileFormat Format { get; }

    /// <summary>True when the capture was inside a gzip layer.</summary>
    public bool WasGzipCompressed => compressedSource is not null;

    /// <summary>Interfaces seen so far (a pcap file has one; pcapng adds one per interface block).</summary>
    public IReadOnlyList<CaptureInterface> Interfaces => interfaces;

    /// <summary>Decryption Secrets Blocks seen so far, in file order.</summary>
    public IReadOnlyList<DecryptionSecrets> Secrets => secrets;

    /// <summary>Bytes taken from the file (compressed bytes for a gzip file), for progress.</summary>
    public long BytesRead => compressedSource?.BytesTaken ?? input.Position;

    /// <summary>Length of the file when the source can tell it, for progress.</summary>
    public long? TotalBytes { get; }

    /// <summary>One line saying why the capture is damaged, once a read returned Damaged.</summary>
    public string? DamageReason { get; private set; }

    /// <summary>
    /// Opens a capture file, or standard input when <paramref name="path"/> is "-".
    /// </summary>
    /// <exception cref="CaptureFormatException">The content is not a capture this reader knows.</exception>
    /// <exception cref="IOException">The file is missing or cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static CaptureReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        if (path == StandardInputName)
        {
            return Open(Console.OpenStandardInput(), "standard input");
        }

        var file = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0,
            FileOptions.SequentialScan);
        return Open(file, path);
    }

    /// <summary>
    /// Opens a capture on a stream, which the reader owns and disposes (also when this throws).
    /// The stream is read forward only, so pipes work.
    /// </summary>
    /// <exception cref="CaptureFormatException">The content is not a capture this reader knows.</exception>
    public static CaptureReader Open(Stream stream, string displayName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(displayName);

        try
        {
            return OpenOwned(stream, displayName);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the next packet. <see cref="CaptureReadStatus.Packet"/> fills <paramref name="packet"/>,
    /// whose data stays valid only until the next call; EndOfCapture and Damaged repeat on every
    /// later call.
    /// </summary>
    public CaptureReadStatus TryReadNext(out CapturedPacket packet)
    {
        packet = default;
        if (DamageReason is not null)
        {
            return CaptureReadStatus.Damaged;
        }
        if (ended)
        {
            return CaptureReadStatus.EndOfCapture;
        }

        CaptureReadStatus status = Format == CaptureFileFormat.Pcap
            ? TryReadPcapRecord(out packet)
            : TryReadPcapNgPacket(out packet);
        if (status == CaptureReadStatus.EndOfCapture)
        {
            ended = true;
        }
        return status;
    }

    public void Dispose() => input.Dispose();

    private static CaptureReader OpenOwned(Stream stream, string displayName)
    {
        long? totalBytes = stream.CanSeek ? stream.Length - stream.Position : null;

        byte[] head = ReadHead(stream);
        ReplayStream? compressedSource = null;
        Stream source = new ReplayStream(stream, head, head.Length);
        if (head.Length >= 2 && head[0] == GzipMagic1 && head[1] == GzipMagic2)
        {
            compressedSource = (ReplayStream)source;
            var gzip = new GZipStream(compressedSource, CompressionMode.Decompress);
            try
            {
                head = ReadHead(gzip);
            }
            catch (InvalidDataException e)
            {
                gzip.Dispose();
                throw new CaptureFormatException($"gzip data is corrupt ({e.Message})", e);
            }
            source = new ReplayStream(gzip, head, head.Length);
        }

        string inside = compressedSource is null ? string.Empty : " inside the gzip data";
        CaptureFileFormat format = DetectFormat(head, inside, out bool bigEndian, out bool nanoseconds);
        var input = new CaptureInputBuffer(source, MaxBlockLength + PcapFormat.RecordHeaderLength);
        var reader = new CaptureReader(input, compressedSource, format, displayName, totalBytes);
        if (format == CaptureFileFormat.Pcap)
        {
            reader.ReadPcapFileHeader(bigEndian, nanoseconds);
        }
        return reader;
    }

    private static byte[] ReadHead(Stream stream)
    {
        var head = new byte[MagicLength];
        int length = 0;
        while (length < head.Length)
        {
            int read = stream.Read(head, length, head.Length - length);
            if (read == 0)
            {
                break;
            }
            length += read;
        }
        return head[..length];
    }

    private static CaptureFileFormat DetectFormat(
        byte[] head,
        string inside,
        out bool bigEndian,
        out bool nanoseconds)
    {
        bigEndian = false;
        nanoseconds = false;
        if (head.Length == 0)
        {
            throw new CaptureFormatException($"empty file{inside}");
        }
        if (head.Length < MagicLength)
        {
            throw new CaptureFormatException(
                $"not a pcap or pcapng file{inside} (only {head.Length} bytes: {Convert.ToHexString(head)})");
        }

        uint bigEndianMagic = BinaryPrimitives.ReadUInt32BigEndian(head);
        uint littleEndianMagic = BinaryPrimitives.ReadUInt32LittleEndian(head);
        if (bigEndianMagic == (uint)PcapNgBlockType.SectionHeader)
        {
            return CaptureFileFormat.PcapNg;
        }
        if (bigEndianMagic is PcapFormat.MicrosecondMagic or PcapFormat.NanosecondMagic)
        {
            bigEndian = true;
            nanoseconds = bigEndianMagic == PcapFormat.NanosecondMagic;
            return CaptureFileFormat.Pcap;
        }
        if (littleEndianMagic is PcapFormat.MicrosecondMagic or PcapFormat.NanosecondMagic)
        {
            nanoseconds = littleEndianMagic == PcapFormat.NanosecondMagic;
            return CaptureFileFormat.Pcap;
        }

        string hex = string.Join(' ', head.Select(b => b.ToString("X2", null)));
        throw new CaptureFormatException($"not a pcap or pcapng file{inside} (starts with {hex})");
    }

    /// <summary>LINKTYPE value to enum; the platform DLT_ values 12 and 14 for raw IP become Raw.</summary>
    private static LinkType MapLinkType(uint value) => value switch
    {
        12 or 14 => LinkType.Raw,
        _ => (LinkType)value,
    };

    private ushort ReadUInt16(ReadOnlySpan<byte> bytes) => bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(bytes)
        : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private uint ReadUInt32(ReadOnlySpan<byte> bytes) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
        : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private long ReadInt64(ReadOnlySpan<byte> bytes) => bigEndian
        ? BinaryPrimitives.ReadInt64BigEndian(bytes)
        : BinaryPrimitives.ReadInt64LittleEndian(bytes);

    private CaptureReadStatus Damage(string reason)
    {
        DamageReason = input.SourceFailure is null ? reason : $"{reason}; {input.SourceFailure}";
        return CaptureReadStatus.Damaged;
    }

    /// <summary>Damaged when the source stopped with bytes left over, else a clean end.</summary>
    private CaptureReadStatus EndOrDamage(string reason) =>
        input.Available == 0 && input.SourceFailure is null ? CaptureReadStatus.EndOfCapture : Damage(reason);
}
