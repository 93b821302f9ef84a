using System.Buffers.Binary;
using System.Security.Cryptography;
using WinRmExtcap.Dissection.Tls.Decryption;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

/// <summary>
/// The sending side of TLS 1.3 record protection (RFC 8446 section 5.2), written in the tests
/// so records with chosen content, padding and sequence numbers can be made for any suite.
/// </summary>
internal static class Tls13RecordSealer
{
    public const byte HandshakeContentType = 22;
    public const int HeaderLength = Tls13RecordProtection.RecordHeaderLength;
    private const ushort LegacyRecordVersion = 0x0303;
    private const int VersionOffset = 1;
    private const int LengthOffset = VersionOffset + sizeof(ushort);
    private const int SequenceNumberOffset = Tls13KeySchedule.IvLength - sizeof(ulong);

    /// <summary>Seals TLSInnerPlaintext (content, type, zero padding) into a complete record.</summary>
    public static byte[] Seal(
        ushort cipherSuite,
        byte[] trafficSecret,
        ulong sequenceNumber,
        byte[] content,
        byte innerContentType,
        int paddingLength = 0)
    {
        Assert.True(Tls13CipherSuite.TryGetParameters(cipherSuite, out var parameters));
        var key = new byte[parameters.KeyLength];
        var iv = new byte[Tls13KeySchedule.IvLength];
        Tls13KeySchedule.DeriveTrafficKeys(parameters.Hash, trafficSecret, key, iv);

        var inner = new byte[content.Length + 1 + paddingLength];
        content.CopyTo(inner, 0);
        inner[content.Length] = innerContentType;

        var record = new byte[HeaderLength + inner.Length + parameters.TagLength];
        record[0] = Tls13RecordProtection.ApplicationDataContentType;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(VersionOffset), LegacyRecordVersion);
        var payloadLength = (ushort)(inner.Length + parameters.TagLength);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(LengthOffset), payloadLength);

        var nonce = new byte[Tls13KeySchedule.IvLength];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(SequenceNumberOffset), sequenceNumber);
        for (var i = 0; i < nonce.Length; i++)
        {
            nonce[i] ^= iv[i];
        }

        var header = record.AsSpan(0, HeaderLength);
        var ciphertext = record.AsSpan(HeaderLength, inner.Length);
        var tag = record.AsSpan(HeaderLength + inner.Length);
        switch (parameters.Aead)
        {
            case Tls13AeadAlgorithm.AesGcm:
                using (var aes = new AesGcm(key, parameters.TagLength))
                {
                    aes.Encrypt(nonce, inner, ciphertext, tag, header);
                }
                break;
            case Tls13AeadAlgorithm.ChaCha20Poly1305:
                using (var chaCha = new ChaCha20Poly1305(key))
                {
                    chaCha.Encrypt(nonce, inner, ciphertext, tag, header);
                }
                break;
            default:
                using (var ccm = new AesCcm(key))
                {
                    ccm.Encrypt(nonce, inner, ciphertext, tag, header);
                }
                break;
        }
        return record;
    }
}
