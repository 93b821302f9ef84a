using WinRmExtcap.Dissection.Tcp;

namespace WinRmExtcap.Dissection.Tls;

/// <summary>What a <see cref="TlsDirectionParser"/> found in one direction of a connection.</summary>
public interface ITlsRecordHandler
{
    /// <summary>The direction's first bytes are not TLS; nothing more will be reported for it.</summary>
    void OnNotTls();

    /// <summary>A complete handshake message sent in clear. The span is valid only during the call.</summary>
    void OnHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body);

    /// <summary>An SSL 2.0-format ClientHello (the message after the 2-byte header).</summary>
    void OnSslv2ClientHello(ReadOnlySpan<byte> message);

    /// <summary>An SSL 2.0 SERVER-HELLO carrying the server's certificate (DER).</summary>
    void OnSslv2ServerHello(ReadOnlySpan<byte> certificate);

    void OnChangeCipherSpec();

    /// <summary>An alert sent in clear (RFC 8446 section 6).</summary>
    void OnAlert(byte level, byte description);

    /// <summary>
    /// A record whose payload is encrypted: application data, TLS 1.3 handshake records, or any
    /// record after ChangeCipherSpec. <paramref name="header"/> is the 5-byte record header.
    /// </summary>
    void OnEncryptedRecord(TlsContentType type, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Bytes lost to the capture. <paramref name="partialMessage"/> names a handshake message
    /// that was being reassembled when the bytes went missing, if any.
    /// </summary>
    void OnBytesLost(long missingBytes, GapCause cause, TlsHandshakeType? partialMessage);
}
