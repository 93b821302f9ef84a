using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// One direction's TLS 1.3 handshake decryption (RFC 8446 section 5.2): the record protection
/// derived from that side's handshake traffic secret and a reusable plaintext buffer. Lives from
/// the ServerHello to that side's Finished, then the keys are zeroed.
/// </summary>
internal sealed class HandshakeDecryption : IDisposable
{
    private readonly Tls13RecordProtection _protection;
    private byte[] _plaintext = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength];

    public HandshakeDecryption(Tls13RecordProtection protection) => _protection = protection;

    /// <summary>Records this direction decrypted so far.</summary>
    public long RecordsDecrypted { get; private set; }

    /// <summary>
    /// Decrypts one record. On success <paramref name="plaintext"/> is valid until the next call.
    /// </summary>
    public DecryptStatus TryDecrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload,
        out ReadOnlySpan<byte> plaintext, out byte innerContentType)
    {
        plaintext = default;
        var status = _protection.TryDecrypt(header, payload, _plaintext, out var length, out innerContentType);
        if (status == DecryptStatus.Success)
        {
            RecordsDecrypted++;
            plaintext = _plaintext.AsSpan(0, length);
        }
        return status;
    }

    public void Dispose()
    {
        _protection.Dispose();
        _plaintext = [];
    }
}
