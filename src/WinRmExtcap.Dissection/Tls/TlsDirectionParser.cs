using System.Buffers.Binary;
using WinRmExtcap.Dissection.Tcp;

namespace WinRmExtcap.Dissection.Tls;

/// <summary>
/// Reads one direction of a TLS connection from its reassembled TCP bytes: splits records
/// (RFC 8446 section 5.1), joins handshake messages that span records and splits records that
/// hold several, recognises the SSL 2.0-format ClientHello, and after a gap resynchronises on
/// the next plausible record header. Holds at most one record and one handshake message.
/// </summary>
public sealed partial class TlsDirectionParser : ITcpStreamConsumer
{
    /// <summary>Record header: type(1) version(2) length(2).</summary>
    public const int RecordHeaderLength = 5;

    /// <summary>RFC 5246 section 6.2.3: TLSCiphertext.length may not exceed 2^14 + 2048.</summary>
    public const int MaxRecordPayloadLength = (1 << 14) + 2048;

    /// <summary>Handshake header: msg_type(1) length(3).</summary>
    public const int HandshakeHeaderLength = 4;

    private const int Sslv2HeaderLength = 2;
    private const int Sslv2MinimumMessageLength = 9;
    private const byte Sslv2LengthFlag = 0x80;
    private const byte Sslv2ClientHelloType = 1;
    private const byte Sslv2ServerHelloType = 4;
    private const byte Sslv2Version = 2;
    private const byte Sslv2X509CertificateType = 1;
    private const int Sslv2ServerHelloCertificateLengthOffset = 5;
    private const int AlertLength = 2;

    /// <summary>
    /// Clear-text bytes read before giving up on a direction that did not start with TLS. Covers
    /// STARTTLS upgrades (SMTP, POP3, IMAP, FTP) and proxies' CONNECT exchanges.
    /// </summary>
    public const int MaxClearTextPrefixBytes = 64 * 1024;

    private readonly ITlsRecordHandler _handler;
    private readonly int _maxHandshakeMessageLength;
    private byte[] _record = [];
    private int _recordLength;
    private byte[] _handshake = [];
    private int _handshakeLength;
    private State _state = State.Start;
    private bool _handshakeEncrypted;
    private bool _handshakeNeedsResync;
    private long _clearTextPrefixBytes;

    public TlsDirectionParser(ITlsRecordHandler handler, int maxHandshakeMessageLength = 1 << 20)
    {
        _handler = handler;
        _maxHandshakeMessageLength = maxHandshakeMessageLength;
    }

    private enum State : byte
    {
        Start,
        Records,
        Resync,

        /// <summary>The direction began with clear text: look for a hello record (STARTTLS).</summary>
        SearchFirstHello,
        NotTls,
    }

    /// <summary>Records seen in this direction.</summary>
    public long RecordCount { get; private set; }

    /// <summary>Bytes skipped while looking for a record header after a gap.</summary>
    public long BytesSkipped { get; private set; }

    /// <summary>Records or messages that broke the format (counted, then skipped).</summary>
    public long MalformedCount { get; private set; }

    /// <summary>True once the direction's bytes were judged not to be TLS.</summary>
    public bool IsNotTls => _state == State.NotTls;

    /// <summary>Treat further handshake records as encrypted (after ChangeCipherSpec).</summary>
    public void MarkHandshakeEncrypted() => _handshakeEncrypted = true;

    /// <summary>
    /// Takes handshake bytes recovered by decrypting TLS 1.3 records: they are split into
    /// messages exactly as clear handshake records are.
    /// </summary>
    public void FeedDecryptedHandshake(ReadOnlySpan<byte> plaintext) => ReadHandshakeMessages(plaintext);

    /// <summary>Drops buffers; called when the direction needs no more parsing.</summary>
    public void Release()
    {
        _record = [];
        _recordLength = 0;
        _handshake = [];
        _handshakeLength = 0;
    }

    /// <summary>
    /// True when <paramref name="header"/> (at least 5 bytes) looks like a record header: a
    /// known content type, major version 3, a minor version up to 4 and a length within bounds.
    /// </summary>
    public static bool IsPlausibleRecordHeader(ReadOnlySpan<byte> header)
    {
        var type = header[0];
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[3..]);
        return type >= (byte)TlsContentType.ChangeCipherSpec && type <= (byte)TlsContentType.Heartbeat
            && header[1] == TlsVersion.RecordMajor && header[2] <= TlsVersion.HighestRecordMinor
            && length > 0 && length <= MaxRecordPayloadLength;
    }

    public void OnData(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty && _state != State.NotTls)
        {
            data = _state switch
            {
                State.Start => ReadFirstBytes(data),
                State.Resync => Resync(data),
                State.SearchFirstHello => SearchFirstHello(data),
                _ => ReadRecords(data),
            };
        }
    }

    public void OnGap(long missingBytes, GapCause cause)
    {
        if (_state == State.NotTls)
        {
            return;
        }

        // The handshake messages a cut record holds in full are still good: read them, so that
        // only the message in progress is reported lost.
        if (_state == State.Records && _recordLength > RecordHeaderLength
            && _record[0] == (byte)TlsContentType.Handshake && !_handshakeEncrypted)
        {
            ReadHandshakeMessages(_record.AsSpan(RecordHeaderLength, _recordLength - RecordHeaderLength));
        }
        TlsHandshakeType? partial = _handshakeLength > 0 ? (TlsHandshakeType)_handshake[0] : null;

        _recordLength = 0;
        _handshakeLength = 0;
        _handshakeNeedsResync = true;
        _state = State.Resync;
        _handler.OnBytesLost(missingBytes, cause, partial);
    }

    private ReadOnlySpan<byte> ReadFirstBytes(ReadOnlySpan<byte> data)
    {
        var available = Append(ref _record, ref _recordLength, data, RecordHeaderLength);
        if (_recordLength < RecordHeaderLength)
        {
            return [];
        }

        var header = _record.AsSpan(0, RecordHeaderLength);
        if (IsPlausibleRecordHeader(header))
        {
            _state = State.Records;
            return ContinueRecord(data, available);
        }
        if (IsSslv2Header(header))
        {
            return ReadSslv2Message(data, available);
        }

        _state = State.SearchFirstHello;
        var buffered = _record.AsSpan(0, _recordLength).ToArray();
        _recordLength = 0;
        SearchFirstHello(buffered);
        return _state == State.NotTls ? [] : data[available..];
    }

    private ReadOnlySpan<byte> ReadRecords(ReadOnlySpan<byte> data)
    {
        // Fast path: whole records straight from the caller's span, nothing buffered.
        while (_recordLength == 0 && data.Length >= RecordHeaderLength)
        {
            if (!IsPlausibleRecordHeader(data))
            {
                return LoseSync(data);
            }
            var total = RecordHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(data[3..]);
            if (data.Length < total)
            {
                break;
            }
            ProcessRecord(data[..total]);
            data = data[total..];
            if (_state != State.Records)
            {
                return data;
            }
        }

        if (data.IsEmpty)
        {
            return data;
        }
        var consumed = Append(ref _record, ref _recordLength, data, RecordHeaderLength);
        if (_recordLength < RecordHeaderLength)
        {
            return [];
        }
        if (!IsPlausibleRecordHeader(_record))
        {
            var buffered = _record.AsSpan(0, _recordLength).ToArray();
            _recordLength = 0;
            var after = LoseSync(buffered);
            return after.IsEmpty ? data[consumed..] : Concat(after, data[consumed..]);
        }
        return ContinueRecord(data, consumed);
    }

    private ReadOnlySpan<byte> ContinueRecord(ReadOnlySpan<byte> data, int consumed)
    {
        var total = RecordHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(_record.AsSpan(3));
        var rest = data[consumed..];
        var take = Math.Min(total - _recordLength, rest.Length);
        EnsureCapacity(ref _record, total);
        rest[..take].CopyTo(_record.AsSpan(_recordLength));
        _recordLength += take;
        if (_recordLength == total)
        {
            _recordLength = 0;
            ProcessRecord(_record.AsSpan(0, total));
        }
        return rest[take..];
    }

    private void ProcessRecord(ReadOnlySpan<byte> record)
    {
        RecordCount++;
        var type = (TlsContentType)record[0];
        var payload = record[RecordHeaderLength..];
        switch (type)
        {
            case TlsContentType.Handshake when !_handshakeEncrypted:
                ReadHandshakeMessages(payload);
                break;
            case TlsContentType.ChangeCipherSpec:
                // Whether handshake records after it are encrypted depends on the version (in TLS
                // 1.3 it is a compatibility no-op): the handler decides, via MarkHandshakeEncrypted.
                _handler.OnChangeCipherSpec();
                break;
            case TlsContentType.Alert when !_handshakeEncrypted && payload.Length == AlertLength:
                _handler.OnAlert(payload[0], payload[1]);
                break;
            default:
                _handler.OnEncryptedRecord(type, record[..RecordHeaderLength], payload);
                break;
        }
    }

    /// <summary>RFC 8446 section 4: Handshake { msg_type(1) length(3) body }, across records.</summary>
    private void ReadHandshakeMessages(ReadOnlySpan<byte> payload)
    {
        if (_handshakeNeedsResync)
        {
            // After a gap the record may continue a message whose start was lost: wait for a
            // record that begins with a plausible message header.
            if (payload.Length < HandshakeHeaderLength || !Enum.IsDefined((TlsHandshakeType)payload[0])
                || WireReader.ReadUInt24(payload[1..]) > _maxHandshakeMessageLength)
            {
                return;
            }
            _handshakeNeedsResync = false;
        }

        while (!payload.IsEmpty)
        {
            if (_handshakeLength == 0 && payload.Length >= HandshakeHeaderLength)
            {
                var length = WireReader.ReadUInt24(payload[1..]);
                if (length > _maxHandshakeMessageLength)
                {
                    MalformedCount++;
                    _handshakeNeedsResync = true;
                    return;
                }
                if (payload.Length >= HandshakeHeaderLength + length)
                {
                    _handler.OnHandshakeMessage((TlsHandshakeType)payload[0],
                        payload.Slice(HandshakeHeaderLength, length));
                    payload = payload[(HandshakeHeaderLength + length)..];
                    continue;
                }
            }

            var consumed = Append(ref _handshake, ref _handshakeLength, payload, HandshakeHeaderLength);
            payload = payload[consumed..];
            if (_handshakeLength < HandshakeHeaderLength)
            {
                continue;
            }
            var messageLength = WireReader.ReadUInt24(_handshake.AsSpan(1));
            if (messageLength > _maxHandshakeMessageLength)
            {
                MalformedCount++;
                _handshakeLength = 0;
                _handshakeNeedsResync = true;
                return;
            }
            var total = HandshakeHeaderLength + messageLength;
            EnsureCapacity(ref _handshake, total);
            var take = Math.Min(total - _handshakeLength, payload.Length);
            payload[..take].CopyTo(_handshake.AsSpan(_handshakeLength));
            _handshakeLength += take;
            payload = payload[take..];
            if (_handshakeLength == total)
            {
                _handshakeLength = 0;
                _handler.OnHandshakeMessage((TlsHandshakeType)_handshake[0],
                    _handshake.AsSpan(HandshakeHeaderLength, messageLength));
            }
        }
    }

    /// <summary>Copies from <paramref name="data"/> until the buffer holds <paramref name="target"/> bytes.</summary>
    private static int Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> data, int target)
    {
        EnsureCapacity(ref buffer, target);
        var take = Math.Min(Math.Max(target - length, 0), data.Length);
        data[..take].CopyTo(buffer.AsSpan(length));
        length += take;
        return take;
    }

    private static void EnsureCapacity(ref byte[] buffer, int needed)
    {
        if (buffer.Length >= needed)
        {
            return;
        }
        var size = Math.Max(needed, Math.Max(buffer.Length * 2, 256));
        Array.Resize(ref buffer, size);
    }

    private static ReadOnlySpan<byte> Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var joined = new byte[first.Length + second.Length];
        first.CopyTo(joined);
        second.CopyTo(joined.AsSpan(first.Length));
        return joined;
    }
}
