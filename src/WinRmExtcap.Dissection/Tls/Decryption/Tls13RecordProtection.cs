using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// Removes TLS 1.3 record protection (RFC 8446 sections 5.2 and 5.3) for one direction of one
/// connection under one traffic secret. Records must be given in the order they were sent;
/// the 64-bit record sequence number starts at zero and advances only when a record
/// authenticates. Never throws on wire data. Dispose to zero the IV and release the key. Not
/// safe for concurrent use: one instance serves one direction of one connection.
/// </summary>
public sealed class Tls13RecordProtection : IDisposable
{
    /// <summary>Length of the TLSCiphertext header, which is also the AEAD additional data.</summary>
    public const int RecordHeaderLength = 5;

    /// <summary>
    /// The largest encrypted_record a peer may send: 2^14 + 256 bytes (RFC 8446 section 5.2).
    /// A plaintext destination of this size is always large enough.
    /// </summary>
    public const int MaxEncryptedPayloadLength = MaxPlaintextLength + MaxExpansion;

    /// <summary>The largest record content after the padding is removed: 2^14 bytes.</summary>
    public const int MaxPlaintextLength = 1 << 14;

    /// <summary>Outer content type of every protected record: application_data (23).</summary>
    public const byte ApplicationDataContentType = 23;

    private const int MaxExpansion = 256;
    private const int InnerContentTypeLength = 1;
    private const int ContentTypeOffset = 0;
    private const int LengthOffset = ContentTypeOffset + sizeof(byte) + sizeof(ushort);
    private const int SequenceNumberLength = sizeof(ulong);
    private const int SequenceNumberOffset = Tls13KeySchedule.IvLength - SequenceNumberLength;
    private const byte PaddingByte = 0;

    private readonly int _tagLength;
    private readonly byte[] _iv;
    private readonly AesGcm? _aesGcm;
    private readonly ChaCha20Poly1305? _chaCha20Poly1305;
    private readonly AesCcm? _aesCcm;
    private ulong _sequenceNumber;
    private bool _disposed;

    private Tls13RecordProtection(
        Tls13CipherSuiteParameters parameters,
        ReadOnlySpan<byte> key,
        byte[] iv)
    {
        _tagLength = parameters.TagLength;
        _iv = iv;
        switch (parameters.Aead)
        {
            case Tls13AeadAlgorithm.AesGcm:
                _aesGcm = new AesGcm(key, parameters.TagLength);
                break;
            case Tls13AeadAlgorithm.ChaCha20Poly1305:
                _chaCha20Poly1305 = new ChaCha20Poly1305(key);
                break;
            default:
                _aesCcm = new AesCcm(key);
                break;
        }
    }

    /// <summary>The cipher suite this protection was created for.</summary>
    public ushort CipherSuite { get; private init; }

    /// <summary>
    /// The sequence number the next record will be decrypted with: the count of records that
    /// have authenticated so far.
    /// </summary>
    public ulong SequenceNumber => _sequenceNumber;

    /// <summary>
    /// Derives the write key and IV from <paramref name="trafficSecret"/> (RFC 8446 section 7.3)
    /// for <paramref name="cipherSuite"/>, the value of the ServerHello's cipher_suite field.
    /// Returns <see cref="DecryptStatus.Success"/> with a protection object, or with null:
    /// <see cref="DecryptStatus.UnsupportedCipherSuite"/> for a code point that is not a TLS 1.3
    /// suite, <see cref="DecryptStatus.AlgorithmUnavailable"/> when this platform lacks the AEAD,
    /// <see cref="DecryptStatus.InvalidSecret"/> when the secret's length is not the suite's
    /// hash length (a SHA-384 secret offered to a SHA-256 suite, for example).
    /// </summary>
    public static DecryptStatus TryCreate(
        ushort cipherSuite,
        ReadOnlySpan<byte> trafficSecret,
        out Tls13RecordProtection? protection)
    {
        protection = null;
        if (!Tls13CipherSuite.TryGetParameters(cipherSuite, out var parameters))
        {
            return DecryptStatus.UnsupportedCipherSuite;
        }
        if (!IsAvailable(parameters.Aead))
        {
            return DecryptStatus.AlgorithmUnavailable;
        }
        if (trafficSecret.Length != parameters.HashLength)
        {
            return DecryptStatus.InvalidSecret;
        }

        Span<byte> key = stackalloc byte[parameters.KeyLength];
        var iv = new byte[Tls13KeySchedule.IvLength];
        try
        {
            Tls13KeySchedule.DeriveTrafficKeys(parameters.Hash, trafficSecret, key, iv);
            protection = new Tls13RecordProtection(parameters, key, iv) { CipherSuite = cipherSuite };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return DecryptStatus.Success;
    }

    /// <summary>
    /// True when this platform provides the AEAD of <paramref name="cipherSuite"/>; false for an
    /// unknown suite or a missing algorithm.
    /// </summary>
    public static bool IsSupported(ushort cipherSuite) =>
        Tls13CipherSuite.TryGetParameters(cipherSuite, out var parameters) && IsAvailable(parameters.Aead);

    /// <summary>
    /// Decrypts one TLSCiphertext (RFC 8446 section 5.2) with the next sequence number.
    /// <paramref name="recordHeader"/> is the 5-byte header as sent (opaque_type 23,
    /// legacy_record_version, length) and <paramref name="encryptedPayload"/> the
    /// encrypted_record it announces. On <see cref="DecryptStatus.Success"/> the content with the
    /// padding removed is the first <paramref name="plaintextLength"/> bytes of
    /// <paramref name="plaintextDestination"/>, <paramref name="innerContentType"/> is the real
    /// content type (handshake 22, alert 21, application_data 23) and the sequence number has
    /// advanced. Any other status leaves the sequence number as it was and returns length 0 and
    /// type 0:
    /// <see cref="DecryptStatus.Malformed"/> for a header that does not describe the payload, a
    /// payload outside the protocol's length limits or an all-padding plaintext;
    /// <see cref="DecryptStatus.AuthenticationFailed"/> when the tag does not verify.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="plaintextDestination"/> is shorter than the payload less the tag;
    /// <see cref="MaxEncryptedPayloadLength"/> bytes always suffice.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The protection was disposed.</exception>
    public DecryptStatus TryDecrypt(
        ReadOnlySpan<byte> recordHeader,
        ReadOnlySpan<byte> encryptedPayload,
        Span<byte> plaintextDestination,
        out int plaintextLength,
        out byte innerContentType)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        plaintextLength = 0;
        innerContentType = 0;
        if (!IsWellFormed(recordHeader, encryptedPayload))
        {
            return DecryptStatus.Malformed;
        }
        var ciphertextLength = encryptedPayload.Length - _tagLength;
        if (plaintextDestination.Length < ciphertextLength)
        {
            throw new ArgumentException(
                "The destination is shorter than the encrypted payload less the tag.",
                nameof(plaintextDestination));
        }

        // The per-record nonce: the 64-bit sequence number in network byte order, left-padded
        // with zeros to iv_length, XORed with the static write IV (RFC 8446 section 5.3).
        Span<byte> nonce = stackalloc byte[Tls13KeySchedule.IvLength];
        nonce.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(nonce[SequenceNumberOffset..], _sequenceNumber);
        for (var i = 0; i < nonce.Length; i++)
        {
            nonce[i] ^= _iv[i];
        }

        var innerPlaintext = plaintextDestination[..ciphertextLength];
        if (!TryOpen(nonce, encryptedPayload, recordHeader, innerPlaintext))
        {
            return DecryptStatus.AuthenticationFailed;
        }

        // struct {
        //     opaque content[TLSPlaintext.length];
        //     ContentType type;
        //     uint8 zeros[length_of_padding];
        // } TLSInnerPlaintext;
        // The type is the last non-zero byte (RFC 8446 section 5.4).
        var typeOffset = innerPlaintext.LastIndexOfAnyExcept(PaddingByte);
        if (typeOffset < 0 || typeOffset > MaxPlaintextLength)
        {
            CryptographicOperations.ZeroMemory(innerPlaintext);
            return DecryptStatus.Malformed;
        }

        innerContentType = innerPlaintext[typeOffset];
        plaintextLength = typeOffset;
        innerPlaintext[typeOffset..].Clear();
        _sequenceNumber++;
        return DecryptStatus.Success;
    }

    /// <summary>Zeroes the static IV and releases the platform key.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        CryptographicOperations.ZeroMemory(_iv);
        _aesGcm?.Dispose();
        _chaCha20Poly1305?.Dispose();
        _aesCcm?.Dispose();
    }

    private static bool IsAvailable(Tls13AeadAlgorithm aead) => aead switch
    {
        Tls13AeadAlgorithm.AesGcm => AesGcm.IsSupported,
        Tls13AeadAlgorithm.ChaCha20Poly1305 => ChaCha20Poly1305.IsSupported,
        Tls13AeadAlgorithm.AesCcm => AesCcm.IsSupported,
        _ => false,
    };

    // TLSCiphertext (RFC 8446 section 5.2):
    //     ContentType opaque_type = application_data; /* 23 */
    //     ProtocolVersion legacy_record_version = 0x0303;
    //     uint16 length;
    //     opaque encrypted_record[TLSCiphertext.length];
    // legacy_record_version is not checked here: it is authenticated as additional data.
    private bool IsWellFormed(ReadOnlySpan<byte> recordHeader, ReadOnlySpan<byte> encryptedPayload)
    {
        if (recordHeader.Length != RecordHeaderLength)
        {
            return false;
        }
        if (recordHeader[ContentTypeOffset] != ApplicationDataContentType)
        {
            return false;
        }
        if (BinaryPrimitives.ReadUInt16BigEndian(recordHeader[LengthOffset..]) != encryptedPayload.Length)
        {
            return false;
        }
        return encryptedPayload.Length >= _tagLength + InnerContentTypeLength
            && encryptedPayload.Length <= MaxEncryptedPayloadLength;
    }

    // AEAD-Decrypt(peer_write_key, nonce, additional_data = record header, AEADEncrypted)
    // (RFC 8446 section 5.2); the tag is the last tag-length bytes of encrypted_record.
    private bool TryOpen(
        ReadOnlySpan<byte> nonce,
        ReadOnlySpan<byte> encryptedPayload,
        ReadOnlySpan<byte> additionalData,
        Span<byte> plaintext)
    {
        var ciphertext = encryptedPayload[..^_tagLength];
        var tag = encryptedPayload[^_tagLength..];
        try
        {
            if (_aesGcm is not null)
            {
                _aesGcm.Decrypt(nonce, ciphertext, tag, plaintext, additionalData);
            }
            else if (_chaCha20Poly1305 is not null)
            {
                _chaCha20Poly1305.Decrypt(nonce, ciphertext, tag, plaintext, additionalData);
            }
            else
            {
                _aesCcm?.Decrypt(nonce, ciphertext, tag, plaintext, additionalData);
            }
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }
}
