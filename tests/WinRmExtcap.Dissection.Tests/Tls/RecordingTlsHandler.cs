using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;

namespace WinRmExtcap.Dissection.Tests.Tls;

/// <summary>
/// Writes down every call a <see cref="TlsDirectionParser"/> makes, as one line of text each, so
/// two runs over the same bytes can be compared whole. Hello and Certificate bodies are parsed
/// too, so that damaged bodies reach those parsers as well.
/// </summary>
internal sealed class RecordingTlsHandler : ITlsRecordHandler
{
    public List<string> Events { get; } = [];

    public List<(TlsHandshakeType Type, byte[] Body)> Messages { get; } = [];

    public List<(long MissingBytes, GapCause Cause, TlsHandshakeType? Partial)> Losses { get; } = [];

    public byte[]? Sslv2ClientHello { get; private set; }

    public byte[]? Sslv2ServerCertificate { get; private set; }

    public int NotTlsCalls { get; private set; }

    public void OnNotTls()
    {
        NotTlsCalls++;
        Events.Add("not-tls");
    }

    public void OnHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
        Messages.Add((type, body.ToArray()));
        Events.Add($"handshake {type} {Convert.ToHexString(body)}");
        _ = type switch
        {
            TlsHandshakeType.ClientHello => HelloParser.ParseClientHello(body) as object,
            TlsHandshakeType.ServerHello => HelloParser.ParseServerHello(body),
            TlsHandshakeType.Certificate => CertificateMessageParser.Parse(body, isTls13: false),
            _ => null,
        };
    }

    public void OnSslv2ClientHello(ReadOnlySpan<byte> message)
    {
        Sslv2ClientHello = message.ToArray();
        Events.Add($"sslv2-client-hello {Convert.ToHexString(message)}");
        _ = HelloParser.ParseSslv2ClientHello(message);
    }

    public void OnSslv2ServerHello(ReadOnlySpan<byte> certificate)
    {
        Sslv2ServerCertificate = certificate.ToArray();
        Events.Add($"sslv2-server-hello {Convert.ToHexString(certificate)}");
    }

    public void OnChangeCipherSpec() => Events.Add("change-cipher-spec");

    public void OnAlert(byte level, byte description) => Events.Add($"alert {level} {description}");

    public void OnEncryptedRecord(TlsContentType type, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload) =>
        Events.Add($"encrypted {type} {payload.Length}");

    public void OnBytesLost(long missingBytes, GapCause cause, TlsHandshakeType? partialMessage)
    {
        Losses.Add((missingBytes, cause, partialMessage));
        Events.Add($"lost {missingBytes} {cause} {partialMessage}");
    }
}
