using System.Security.Cryptography;
using System.Text;

namespace WinRmExtcap.Dissection.Tls;

/// <summary>
/// Parses ClientHello and ServerHello bodies. Returns null for a body that does not follow the
/// structure; never throws on wire data.
/// </summary>
public static class HelloParser
{
    private const int RandomLength = 32;
    private const int MaxSessionIdLength = 32;
    private const int Sslv2CipherSpecLength = 3;
    private const byte Sslv2ClientHelloType = 1;
    private const byte HostNameType = 0;

    /// <summary>SHA-256 of "HelloRetryRequest": the Random of a HelloRetryRequest (RFC 8446 4.1.3).</summary>
    private static ReadOnlySpan<byte> HelloRetryRequestRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    /// <summary>RFC 8446 section 4.1.2 (and RFC 5246 7.4.1.2): a ClientHello body.</summary>
    public static ClientHello? ParseClientHello(ReadOnlySpan<byte> body)
    {
        // legacy_version(2) random(32) session_id<0..32> cipher_suites<2..2^16-2>
        // legacy_compression_methods<1..2^8-1> extensions<0..2^16-1> (absent before TLS 1.0 era)
        var reader = new WireReader(body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TryReadBytes(RandomLength, out var random)
            || !reader.TryReadVector8(out var sessionId) || sessionId.Length > MaxSessionIdLength
            || !reader.TryReadVector16(out var cipherBytes) || cipherBytes.Length % sizeof(ushort) != 0
            || !reader.TryReadVector8(out _))
        {
            return null;
        }

        var hello = new ClientHello
        {
            LegacyVersion = legacyVersion,
            Random = random.ToArray(),
            SessionId = sessionId.ToArray(),
            CipherSuites = ReadUInt16List(cipherBytes),
            ExtensionTypes = [],
        };
        if (reader.Remaining == 0)
        {
            return hello;
        }
        if (!reader.TryReadVector16(out var extensions))
        {
            return null;
        }
        return ReadClientExtensions(hello, extensions);
    }

    /// <summary>
    /// RFC 5246 appendix E.2: an SSL 2.0-format ClientHello, given the message after the 2-byte
    /// record header (starting at msg_type).
    /// </summary>
    public static ClientHello? ParseSslv2ClientHello(ReadOnlySpan<byte> message)
    {
        // msg_type(1) version(2) cipher_spec_length(2) session_id_length(2) challenge_length(2)
        // cipher_specs[cipher_spec_length] session_id[...] challenge[...]
        var reader = new WireReader(message);
        if (!reader.TryReadUInt8(out var type) || type != Sslv2ClientHelloType
            || !reader.TryReadUInt16(out var version)
            || !reader.TryReadUInt16(out var cipherSpecLength) || cipherSpecLength % Sslv2CipherSpecLength != 0
            || !reader.TryReadUInt16(out var sessionIdLength)
            || !reader.TryReadUInt16(out var challengeLength)
            || !reader.TryReadBytes(cipherSpecLength, out var cipherSpecs)
            || !reader.TryReadBytes(sessionIdLength, out var sessionId)
            || !reader.TryReadBytes(challengeLength, out var challenge))
        {
            return null;
        }

        var ciphers = new List<ushort>(cipherSpecs.Length / Sslv2CipherSpecLength);
        for (var i = 0; i < cipherSpecs.Length; i += Sslv2CipherSpecLength)
        {
            // A V2CipherSpec whose first byte is zero names a TLS cipher suite in its last two.
            if (cipherSpecs[i] == 0)
            {
                ciphers.Add((ushort)((cipherSpecs[i + 1] << 8) | cipherSpecs[i + 2]));
            }
        }
        var random = new byte[RandomLength];
        var challengeTail = challenge.Length > RandomLength ? challenge[^RandomLength..] : challenge;
        challengeTail.CopyTo(random.AsSpan(RandomLength - challengeTail.Length));
        return new ClientHello
        {
            LegacyVersion = version,
            Random = random,
            SessionId = sessionId.ToArray(),
            CipherSuites = ciphers,
            ExtensionTypes = [],
            IsSslv2Format = true,
        };
    }

    /// <summary>RFC 8446 section 4.1.3 (and RFC 5246 7.4.1.3): a ServerHello body.</summary>
    public static ServerHello? ParseServerHello(ReadOnlySpan<byte> body)
    {
        // legacy_version(2) random(32) legacy_session_id_echo<0..32> cipher_suite(2)
        // legacy_compression_method(1) extensions<6..2^16-1> (optional before TLS 1.3)
        var reader = new WireReader(body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TryReadBytes(RandomLength, out var random)
            || !reader.TryReadVector8(out var sessionId) || sessionId.Length > MaxSessionIdLength
            || !reader.TryReadUInt16(out var cipherSuite)
            || !reader.TryReadUInt8(out _))
        {
            return null;
        }

        var extensionTypes = new List<ushort>();
        ushort? selectedVersion = null;
        string? alpn = null;
        if (reader.Remaining > 0)
        {
            if (!reader.TryReadVector16(out var extensions))
            {
                return null;
            }
            var extensionReader = new WireReader(extensions);
            while (extensionReader.Remaining > 0)
            {
                if (!extensionReader.TryReadUInt16(out var type) || !extensionReader.TryReadVector16(out var data))
                {
                    return null;
                }
                extensionTypes.Add(type);
                if (type == TlsExtensionType.SupportedVersions && data.Length == sizeof(ushort))
                {
                    selectedVersion = (ushort)((data[0] << 8) | data[1]);
                }
                else if (type == TlsExtensionType.ApplicationLayerProtocolNegotiation)
                {
                    alpn = ReadAlpn(data).FirstOrDefault();
                }
            }
        }

        return new ServerHello
        {
            LegacyVersion = legacyVersion,
            Random = random.ToArray(),
            SessionId = sessionId.ToArray(),
            CipherSuite = cipherSuite,
            ExtensionTypes = extensionTypes,
            SelectedVersion = selectedVersion,
            Alpn = alpn,
            IsHelloRetryRequest = random.SequenceEqual(HelloRetryRequestRandom),
        };
    }

    private static ClientHello? ReadClientExtensions(ClientHello hello, ReadOnlySpan<byte> extensions)
    {
        var types = new List<ushort>();
        var result = hello;
        var reader = new WireReader(extensions);
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadUInt16(out var type) || !reader.TryReadVector16(out var data))
            {
                return null;
            }
            types.Add(type);
            result = type switch
            {
                TlsExtensionType.ServerName => result with { ServerName = ReadServerName(data) },
                TlsExtensionType.SupportedGroups => result with { SupportedGroups = ReadVector16List(data) },
                TlsExtensionType.EcPointFormats => result with { EcPointFormats = ReadVector8Bytes(data) },
                TlsExtensionType.SignatureAlgorithms => result with { SignatureAlgorithms = ReadVector16List(data) },
                TlsExtensionType.ApplicationLayerProtocolNegotiation => result with { Alpn = ReadAlpn(data) },
                TlsExtensionType.SupportedVersions => result with { SupportedVersions = ReadVector8UInt16List(data) },
                TlsExtensionType.SessionTicket => result with
                {
                    SessionTicketLength = data.Length,
                    SessionTicketSha256 = data.IsEmpty ? null : Convert.ToHexString(SHA256.HashData(data)),
                },
                TlsExtensionType.PreSharedKey => result with { OffersPreSharedKey = true },
                _ => result,
            };
        }
        return result with { ExtensionTypes = types };
    }

    /// <summary>RFC 6066 section 3: the first host_name entry of a server_name list.</summary>
    private static string? ReadServerName(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        if (!reader.TryReadVector16(out var list))
        {
            return null;
        }
        var listReader = new WireReader(list);
        while (listReader.Remaining > 0)
        {
            if (!listReader.TryReadUInt8(out var nameType) || !listReader.TryReadVector16(out var name))
            {
                return null;
            }
            if (nameType == HostNameType)
            {
                return Encoding.ASCII.GetString(name);
            }
        }
        return null;
    }

    /// <summary>RFC 7301 section 3.1: ProtocolName protocol_name_list&lt;2..2^16-1&gt;.</summary>
    private static List<string> ReadAlpn(ReadOnlySpan<byte> data)
    {
        var names = new List<string>();
        var reader = new WireReader(data);
        if (!reader.TryReadVector16(out var list))
        {
            return names;
        }
        var listReader = new WireReader(list);
        while (listReader.Remaining > 0 && listReader.TryReadVector8(out var name))
        {
            names.Add(Encoding.ASCII.GetString(name));
        }
        return names;
    }

    private static List<ushort> ReadVector16List(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        return reader.TryReadVector16(out var list) ? ReadUInt16List(list) : [];
    }

    private static List<ushort> ReadVector8UInt16List(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        return reader.TryReadVector8(out var list) ? ReadUInt16List(list) : [];
    }

    private static List<byte> ReadVector8Bytes(ReadOnlySpan<byte> data)
    {
        var reader = new WireReader(data);
        return reader.TryReadVector8(out var list) ? [.. list] : [];
    }

    private static List<ushort> ReadUInt16List(ReadOnlySpan<byte> bytes)
    {
        var values = new List<ushort>(bytes.Length / sizeof(ushort));
        for (var i = 0; i + 1 < bytes.Length; i += sizeof(ushort))
        {
            values.Add((ushort)((bytes[i] << 8) | bytes[i + 1]));
        }
        return values;
    }
}
