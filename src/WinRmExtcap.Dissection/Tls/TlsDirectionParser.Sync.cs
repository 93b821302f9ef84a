using System.Buffers.Binary;
using WinRmExtcap.Dissection.Tcp;

namespace WinRmExtcap.Dissection.Tls;

/// <summary>
/// Finding records where the stream does not start cleanly: clear text before a hello (STARTTLS),
/// the SSL 2.0 message format, and resynchronisation after a gap or a broken header.
/// </summary>
public sealed partial class TlsDirectionParser
{
    /// <summary>
    /// Scans clear text for the first record of a TLS handshake: a handshake record holding a
    /// ClientHello or ServerHello. Gives up, calling the direction not TLS, after
    /// <see cref="MaxClearTextPrefixBytes"/>.
    /// </summary>
    private ReadOnlySpan<byte> SearchFirstHello(ReadOnlySpan<byte> data)
    {
        var window = JoinKeptBytes(data, out var joined);

        for (var i = 0; i + RecordHeaderLength < window.Length; i++)
        {
            var candidate = window[i..];
            if (candidate[0] == (byte)TlsContentType.Handshake && IsPlausibleRecordHeader(candidate)
                && candidate[RecordHeaderLength]
                    is (byte)TlsHandshakeType.ClientHello or (byte)TlsHandshakeType.ServerHello)
            {
                _state = State.Records;
                return joined ? candidate.ToArray() : candidate;
            }
        }

        _clearTextPrefixBytes += data.Length;
        if (_clearTextPrefixBytes > MaxClearTextPrefixBytes)
        {
            _state = State.NotTls;
            Release();
            _handler.OnNotTls();
            return [];
        }
        var keep = Math.Min(window.Length, RecordHeaderLength);
        EnsureCapacity(ref _record, RecordHeaderLength + 1);
        window[^keep..].CopyTo(_record);
        _recordLength = keep;
        return [];
    }

    /// <summary>
    /// RFC 5246 appendix E.2 and the SSL 2.0 draft: a 2-byte header with the high bit set, then a
    /// CLIENT-HELLO (type 1, version 2.0 or 3.x) or a SERVER-HELLO (type 4, certificate type 1).
    /// </summary>
    private static bool IsSslv2Header(ReadOnlySpan<byte> header)
    {
        var length = ((header[0] & ~Sslv2LengthFlag) << 8) | header[1];
        if ((header[0] & Sslv2LengthFlag) == 0 || length < Sslv2MinimumMessageLength)
        {
            return false;
        }
        return header[2] switch
        {
            Sslv2ClientHelloType => (header[3] == TlsVersion.RecordMajor && header[4] <= TlsVersion.HighestRecordMinor)
                || (header[3] == 0 && header[4] == Sslv2Version),
            Sslv2ServerHelloType => header[3] <= 1 && header[4] == Sslv2X509CertificateType,
            _ => false,
        };
    }

    private ReadOnlySpan<byte> ReadSslv2Message(ReadOnlySpan<byte> data, int consumedIntoHeader)
    {
        var messageLength = ((_record[0] & ~Sslv2LengthFlag) << 8) | _record[1];
        var total = Sslv2HeaderLength + messageLength;
        var rest = data[consumedIntoHeader..];
        var needed = total - _recordLength;
        var take = Math.Min(needed, rest.Length);
        EnsureCapacity(ref _record, total);
        rest[..take].CopyTo(_record.AsSpan(_recordLength));
        _recordLength += take;
        if (_recordLength < total)
        {
            return [];
        }

        RecordCount++;
        _recordLength = 0;
        var message = _record.AsSpan(Sslv2HeaderLength, messageLength);
        if (message[0] == Sslv2ClientHelloType)
        {
            _handler.OnSslv2ClientHello(message);
            _state = State.Records;
            return rest[take..];
        }

        // SERVER-HELLO: msg_type(1) session_id_hit(1) certificate_type(1) server_version(2)
        // certificate_length(2) cipher_specs_length(2) connection_id_length(2) certificate[...]
        var reader = new WireReader(message[Sslv2ServerHelloCertificateLengthOffset..]);
        if (reader.TryReadUInt16(out var certificateLength) && reader.TryReadUInt16(out _)
            && reader.TryReadUInt16(out _) && reader.TryReadBytes(certificateLength, out var certificate))
        {
            _handler.OnSslv2ServerHello(certificate);
        }

        // Everything after an SSL 2.0 SERVER-HELLO is SSL 2.0 and encrypted: nothing more to read.
        _state = State.NotTls;
        Release();
        return [];
    }

    private ReadOnlySpan<byte> LoseSync(ReadOnlySpan<byte> data)
    {
        MalformedCount++;
        _handshakeLength = 0;
        _handshakeNeedsResync = true;
        _state = State.Resync;
        return data;
    }

    /// <summary>
    /// Looks for the next plausible record header. A candidate is taken when the header after
    /// it is plausible too, or lies beyond the bytes at hand.
    /// </summary>
    private ReadOnlySpan<byte> Resync(ReadOnlySpan<byte> data)
    {
        var window = JoinKeptBytes(data, out var joined);

        for (var i = 0; i + RecordHeaderLength <= window.Length; i++)
        {
            var candidate = window[i..];
            if (!IsPlausibleRecordHeader(candidate))
            {
                continue;
            }
            var next = RecordHeaderLength + BinaryPrimitives.ReadUInt16BigEndian(candidate[3..]);
            if (next + RecordHeaderLength <= candidate.Length && !IsPlausibleRecordHeader(candidate[next..]))
            {
                continue;
            }

            BytesSkipped += i;
            _state = State.Records;
            return joined ? candidate.ToArray() : candidate;
        }

        // Keep the last bytes: a header may straddle this chunk and the next.
        var keep = Math.Min(window.Length, RecordHeaderLength - 1);
        BytesSkipped += window.Length - keep;
        EnsureCapacity(ref _record, RecordHeaderLength);
        window[^keep..].CopyTo(_record);
        _recordLength = keep;
        return [];
    }

    /// <summary>
    /// The bytes a search kept from the previous chunk, where a header may straddle two chunks,
    /// followed by <paramref name="data"/>; <paramref name="joined"/> is false, and the window is
    /// <paramref name="data"/> itself, when nothing was kept.
    /// </summary>
    private ReadOnlySpan<byte> JoinKeptBytes(ReadOnlySpan<byte> data, out bool joined)
    {
        joined = _recordLength > 0;
        if (!joined)
        {
            return data;
        }

        var window = Concat(_record.AsSpan(0, _recordLength), data);
        _recordLength = 0;
        return window;
    }
}
