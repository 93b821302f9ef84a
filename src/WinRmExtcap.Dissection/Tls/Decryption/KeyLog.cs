using System.Buffers;
using SecretTable = System.Collections.Generic.Dictionary<
    (WinRmExtcap.Dissection.Tls.Decryption.KeyLogLabel Label, string ClientRandom),
    byte[]>;

namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// Secrets from an NSS key log: the SSLKEYLOGFILE format (IETF draft-ietf-tls-keylogfile,
/// section 2) written by browsers, curl and <c>openssl s_client -keylogfile</c>, and carried
/// unchanged in pcapng Decryption Secrets Blocks. Each line is
/// <c>LABEL &lt;client_random hex&gt; &lt;secret hex&gt;</c>; lines starting with <c>#</c> and
/// blank lines are skipped. Parsing never throws on content: lines with an unknown label are
/// counted and ignored, lines that cannot be read are counted with the number of the first one,
/// so the caller can give one clear warning. Immutable.
/// </summary>
public sealed class KeyLog
{
    /// <summary>Length of the ClientHello random that keys every entry (RFC 8446 section 4.1.2).</summary>
    public const int ClientRandomLength = 32;

    /// <summary>The longest secret accepted: a SHA-512 output, above every TLS hash in use.</summary>
    public const int MaxSecretLength = 64;

    /// <summary>
    /// The most entries one key log keeps; further entries are counted in
    /// <see cref="DroppedEntryCount"/>.
    /// </summary>
    public const int MaxEntryCount = 1 << 20;

    private const char CommentMarker = '#';
    private const char ByteOrderMark = '\uFEFF';
    private const char LineFeed = '\n';
    private const int FieldCount = 3;
    private const int HexDigitsPerByte = 2;

    private static readonly SearchValues<char> FieldSeparators = SearchValues.Create(" \t");

    private static readonly Dictionary<string, KeyLogLabel> LabelsByName = new(StringComparer.Ordinal)
    {
        ["CLIENT_RANDOM"] = KeyLogLabel.ClientRandom,
        ["CLIENT_EARLY_TRAFFIC_SECRET"] = KeyLogLabel.ClientEarlyTrafficSecret,
        ["CLIENT_HANDSHAKE_TRAFFIC_SECRET"] = KeyLogLabel.ClientHandshakeTrafficSecret,
        ["SERVER_HANDSHAKE_TRAFFIC_SECRET"] = KeyLogLabel.ServerHandshakeTrafficSecret,
        ["CLIENT_TRAFFIC_SECRET_0"] = KeyLogLabel.ClientTrafficSecret0,
        ["SERVER_TRAFFIC_SECRET_0"] = KeyLogLabel.ServerTrafficSecret0,
        ["EXPORTER_SECRET"] = KeyLogLabel.ExporterSecret,
        ["EARLY_EXPORTER_SECRET"] = KeyLogLabel.EarlyExporterSecret,
    };

    private static readonly Dictionary<string, KeyLogLabel>.AlternateLookup<ReadOnlySpan<char>>
        LabelLookup = LabelsByName.GetAlternateLookup<ReadOnlySpan<char>>();

    // Keyed by label and the client random as upper-case hex.
    private readonly SecretTable _secrets;

    private KeyLog(SecretTable secrets) => _secrets = secrets;

    /// <summary>A key log without entries.</summary>
    public static KeyLog Empty { get; } = new(new());

    /// <summary>The number of distinct (label, client random) entries kept.</summary>
    public int EntryCount => _secrets.Count;

    /// <summary>Lines that could not be read: wrong field count, bad hex, wrong lengths.</summary>
    public int MalformedLineCount { get; private init; }

    /// <summary>The 1-based number of the first malformed line, or 0 when there was none.</summary>
    public int FirstMalformedLineNumber { get; private init; }

    /// <summary>Well-formed lines whose label this library does not use (RSA, for example).</summary>
    public int UnknownLabelCount { get; private init; }

    /// <summary>Entries that repeated an earlier (label, client random); the later secret is kept.</summary>
    public int DuplicateEntryCount { get; private init; }

    /// <summary>Entries not kept because <see cref="MaxEntryCount"/> was reached.</summary>
    public int DroppedEntryCount { get; private init; }

    /// <summary>
    /// Parses key log text. Accepts LF and CRLF line ends, a missing final line end, spaces or
    /// tabs between fields, hex digits in either case and a leading byte order mark. Never
    /// throws on content.
    /// </summary>
    public static KeyLog Parse(ReadOnlySpan<char> text)
    {
        var secrets = new SecretTable();
        var malformed = 0;
        var firstMalformed = 0;
        var unknown = 0;
        var duplicates = 0;
        var dropped = 0;
        var lineNumber = 0;

        // Text handed over from a pcapng block or a decoded buffer may still start with a BOM.
        if (!text.IsEmpty && text[0] == ByteOrderMark)
        {
            text = text[1..];
        }
        while (!text.IsEmpty)
        {
            lineNumber++;
            var end = text.IndexOf(LineFeed);
            var line = (end < 0 ? text : text[..end]).Trim();
            text = end < 0 ? ReadOnlySpan<char>.Empty : text[(end + 1)..];

            if (line.IsEmpty || line[0] == CommentMarker)
            {
                continue;
            }

            switch (TryParseLine(line, out var label, out var clientRandom, out var secret))
            {
                case LineStatus.Malformed:
                    malformed++;
                    firstMalformed = firstMalformed == 0 ? lineNumber : firstMalformed;
                    continue;
                case LineStatus.UnknownLabel:
                    unknown++;
                    continue;
            }

            var key = (label, clientRandom);
            if (secrets.ContainsKey(key))
            {
                duplicates++;
            }
            else if (secrets.Count >= MaxEntryCount)
            {
                dropped++;
                continue;
            }
            secrets[key] = secret;
        }

        return new KeyLog(secrets)
        {
            MalformedLineCount = malformed,
            FirstMalformedLineNumber = firstMalformed,
            UnknownLabelCount = unknown,
            DuplicateEntryCount = duplicates,
            DroppedEntryCount = dropped,
        };
    }

    /// <summary>
    /// Parses key log bytes as UTF-8, the form a pcapng Decryption Secrets Block of type TLSK
    /// carries. Invalid UTF-8 only makes the lines it touches malformed. Never throws on content.
    /// </summary>
    public static KeyLog ParseUtf8(ReadOnlySpan<byte> utf8Text) =>
        Parse(System.Text.Encoding.UTF8.GetString(utf8Text));

    /// <summary>Reads and parses a key log file as UTF-8 text.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static KeyLog Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path));
    }

    /// <summary>
    /// Combines this key log with <paramref name="other"/> (another file, or the text of a pcapng
    /// Decryption Secrets Block) into a new one. Where both hold the same label and client
    /// random, the secret of <paramref name="other"/> is kept and counted as a duplicate. The
    /// counts are summed; <see cref="FirstMalformedLineNumber"/> is this log's when it has one,
    /// otherwise the other's, so warn per source when line numbers matter.
    /// </summary>
    public KeyLog Merge(KeyLog other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var secrets = new SecretTable(_secrets);
        var duplicates = DuplicateEntryCount + other.DuplicateEntryCount;
        var dropped = DroppedEntryCount + other.DroppedEntryCount;
        foreach (var (key, secret) in other._secrets)
        {
            if (secrets.ContainsKey(key))
            {
                duplicates++;
            }
            else if (secrets.Count >= MaxEntryCount)
            {
                dropped++;
                continue;
            }
            secrets[key] = secret;
        }

        return new KeyLog(secrets)
        {
            MalformedLineCount = MalformedLineCount + other.MalformedLineCount,
            FirstMalformedLineNumber = FirstMalformedLineNumber != 0
                ? FirstMalformedLineNumber
                : other.FirstMalformedLineNumber,
            UnknownLabelCount = UnknownLabelCount + other.UnknownLabelCount,
            DuplicateEntryCount = duplicates,
            DroppedEntryCount = dropped,
        };
    }

    /// <summary>
    /// Finds the secret logged under <paramref name="label"/> for the connection whose
    /// ClientHello carried <paramref name="clientRandom"/>. Returns false when there is none or
    /// the random is not 32 bytes.
    /// </summary>
    public bool TryGetSecret(
        KeyLogLabel label,
        ReadOnlySpan<byte> clientRandom,
        out ReadOnlyMemory<byte> secret)
    {
        secret = ReadOnlyMemory<byte>.Empty;
        if (clientRandom.Length != ClientRandomLength)
        {
            return false;
        }
        if (!_secrets.TryGetValue((label, Convert.ToHexString(clientRandom)), out var value))
        {
            return false;
        }

        secret = value;
        return true;
    }

    /// <summary>
    /// Finds both TLS 1.3 handshake traffic secrets for the connection whose ClientHello carried
    /// <paramref name="clientRandom"/>. Returns false unless the key log holds both
    /// CLIENT_HANDSHAKE_TRAFFIC_SECRET and SERVER_HANDSHAKE_TRAFFIC_SECRET for it.
    /// </summary>
    public bool TryGetHandshakeSecrets(
        ReadOnlySpan<byte> clientRandom,
        out Tls13HandshakeSecrets secrets)
    {
        secrets = default;
        if (!TryGetSecret(KeyLogLabel.ClientHandshakeTrafficSecret, clientRandom, out var client)
            || !TryGetSecret(KeyLogLabel.ServerHandshakeTrafficSecret, clientRandom, out var server))
        {
            return false;
        }

        secrets = new Tls13HandshakeSecrets(client, server);
        return true;
    }

    // One key log line (draft-ietf-tls-keylogfile section 2):
    //     <label> <client_random as 64 hex digits> <secret as hex digits>
    // The draft separates fields with one space; runs of spaces and tabs are accepted too.
    private static LineStatus TryParseLine(
        ReadOnlySpan<char> line,
        out KeyLogLabel label,
        out string clientRandom,
        out byte[] secret)
    {
        label = default;
        clientRandom = string.Empty;
        secret = [];

        Span<Range> fields = stackalloc Range[FieldCount + 1];
        var count = SplitFields(line, fields);
        if (count != FieldCount)
        {
            return LineStatus.Malformed;
        }
        if (!LabelLookup.TryGetValue(line[fields[0]], out label))
        {
            return LineStatus.UnknownLabel;
        }

        Span<byte> random = stackalloc byte[ClientRandomLength];
        if (!TryDecodeHex(line[fields[1]], random, out var randomLength)
            || randomLength != ClientRandomLength)
        {
            return LineStatus.Malformed;
        }
        Span<byte> secretBytes = stackalloc byte[MaxSecretLength];
        if (!TryDecodeHex(line[fields[2]], secretBytes, out var secretLength) || secretLength == 0)
        {
            return LineStatus.Malformed;
        }

        clientRandom = Convert.ToHexString(random);
        secret = secretBytes[..secretLength].ToArray();
        return LineStatus.Entry;
    }

    // Splits on runs of spaces and tabs; returns the field count, capped at fields.Length.
    private static int SplitFields(ReadOnlySpan<char> line, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (start < line.Length && count < fields.Length)
        {
            var length = line[start..].IndexOfAny(FieldSeparators);
            var end = length < 0 ? line.Length : start + length;
            fields[count++] = new Range(start, end);

            var next = line[end..].IndexOfAnyExcept(FieldSeparators);
            start = next < 0 ? line.Length : end + next;
        }
        return count;
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> hex, Span<byte> destination, out int length)
    {
        length = hex.Length / HexDigitsPerByte;
        if (hex.Length % HexDigitsPerByte != 0 || length > destination.Length)
        {
            return false;
        }
        return Convert.FromHexString(hex, destination, out _, out var written) == OperationStatus.Done
            && written == length;
    }

    private enum LineStatus : byte
    {
        Entry = 0,
        UnknownLabel = 1,
        Malformed = 2,
    }
}
