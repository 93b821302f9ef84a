using System.Security.Cryptography;
using WinRmExtcap.Dissection.Tls.Decryption;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

/// <summary>
/// Record protection against the published RFC 8448 trace, records sealed in the tests, and
/// (in the Captures part) real connections.
/// </summary>
public sealed partial class Tls13RecordProtectionTests
{
    private const ushort TlsRsaWithAes128CbcSha = 0x002F;
    private const byte AlertContentType = 21;
    private const byte ApplicationDataContentType = 23;
    private const int HeaderLength = Tls13RecordProtection.RecordHeaderLength;
    private const int GcmTagLength = 16;
    private const int VersionByteOffset = 1;
    private const int LengthFieldOffset = 3;
    private const int BitsPerByte = 8;

    private static readonly byte[] ServerRecord = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeRecord);

    [Fact]
    public void TryDecrypt_Rfc8448ServerHandshakeRecord_StartsWithEncryptedExtensionsThenCertificate()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength];

        var status = protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength), ServerRecord.AsSpan(HeaderLength),
            destination, out var length, out var innerType);

        Assert.Equal(DecryptStatus.Success, status);
        Assert.Equal(Tls13RecordSealer.HandshakeContentType, innerType);
        Assert.Equal(Rfc8448Vectors.ServerHandshakePlaintextLength, length);
        var plaintext = Convert.ToHexStringLower(destination, 0, length);
        Assert.StartsWith(Rfc8448Vectors.EncryptedExtensions + Rfc8448Vectors.CertificateStart, plaintext);
        Assert.EndsWith(Rfc8448Vectors.ServerFinished, plaintext);
    }

    [Fact]
    public void TryDecrypt_Success_AdvancesSequenceNumber()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];

        protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength), ServerRecord.AsSpan(HeaderLength),
            destination, out _, out _);

        Assert.Equal(1UL, protection.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_SameRecordTwice_SecondReturnsAuthenticationFailed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];
        protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength), ServerRecord.AsSpan(HeaderLength),
            destination, out _, out _);

        var status = protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength), ServerRecord.AsSpan(HeaderLength),
            destination, out var length, out var innerType);

        Assert.Equal(DecryptStatus.AuthenticationFailed, status);
        Assert.Equal(0, length);
        Assert.Equal(0, innerType);
        Assert.Equal(1UL, protection.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_WrongSecret_ReturnsAuthenticationFailed()
    {
        var clientSecret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ClientHandshakeTrafficSecret);
        Tls13RecordProtection.TryCreate(Tls13CipherSuite.Aes128GcmSha256, clientSecret, out var protection);
        using var wrong = Assert.IsType<Tls13RecordProtection>(protection);
        var destination = new byte[ServerRecord.Length];

        var status = wrong.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength), ServerRecord.AsSpan(HeaderLength),
            destination, out _, out _);

        Assert.Equal(DecryptStatus.AuthenticationFailed, status);
        Assert.Equal(0UL, wrong.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_EveryTruncationWithHeaderAsSent_ReturnsMalformed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];
        var header = ServerRecord.AsSpan(0, HeaderLength).ToArray();

        var statuses = new List<DecryptStatus>();
        for (var length = 0; length < ServerRecord.Length - HeaderLength; length++)
        {
            statuses.Add(protection.TryDecrypt(header, ServerRecord.AsSpan(HeaderLength, length),
                destination, out _, out _));
        }

        Assert.All(statuses, status => Assert.Equal(DecryptStatus.Malformed, status));
        Assert.Equal(0UL, protection.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_EveryTruncationWithMatchingLength_ReturnsMalformedOrAuthenticationFailed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];

        var statuses = new List<DecryptStatus>();
        for (var length = 0; length < ServerRecord.Length - HeaderLength; length++)
        {
            var header = ServerRecord.AsSpan(0, HeaderLength).ToArray();
            header[LengthFieldOffset] = (byte)(length >> BitsPerByte);
            header[LengthFieldOffset + 1] = (byte)length;
            statuses.Add(protection.TryDecrypt(header, ServerRecord.AsSpan(HeaderLength, length),
                destination, out _, out _));
        }

        Assert.All(statuses.Take(GcmTagLength + 1), status => Assert.Equal(DecryptStatus.Malformed, status));
        Assert.All(statuses.Skip(GcmTagLength + 1),
            status => Assert.Equal(DecryptStatus.AuthenticationFailed, status));
        Assert.Equal(0UL, protection.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_EveryFlippedPayloadBit_ReturnsAuthenticationFailed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];
        var record = ServerRecord.ToArray();

        var statuses = new List<DecryptStatus>();
        for (var bit = HeaderLength * BitsPerByte; bit < record.Length * BitsPerByte; bit++)
        {
            record[bit / BitsPerByte] ^= (byte)(1 << (bit % BitsPerByte));
            statuses.Add(protection.TryDecrypt(record.AsSpan(0, HeaderLength), record.AsSpan(HeaderLength),
                destination, out _, out _));
            record[bit / BitsPerByte] ^= (byte)(1 << (bit % BitsPerByte));
        }

        Assert.All(statuses, status => Assert.Equal(DecryptStatus.AuthenticationFailed, status));
        Assert.Equal(DecryptStatus.Success, protection.TryDecrypt(record.AsSpan(0, HeaderLength),
            record.AsSpan(HeaderLength), destination, out _, out _));
    }

    [Theory]
    [InlineData(0, DecryptStatus.Malformed)]
    [InlineData(VersionByteOffset, DecryptStatus.AuthenticationFailed)]
    [InlineData(VersionByteOffset + 1, DecryptStatus.AuthenticationFailed)]
    [InlineData(LengthFieldOffset, DecryptStatus.Malformed)]
    [InlineData(LengthFieldOffset + 1, DecryptStatus.Malformed)]
    public void TryDecrypt_FlippedHeaderBit_ReturnsStatusForThatField(int headerOffset, DecryptStatus expected)
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];

        var statuses = new List<DecryptStatus>();
        for (var bit = 0; bit < BitsPerByte; bit++)
        {
            var header = ServerRecord.AsSpan(0, HeaderLength).ToArray();
            header[headerOffset] ^= (byte)(1 << bit);
            statuses.Add(protection.TryDecrypt(header, ServerRecord.AsSpan(HeaderLength), destination,
                out _, out _));
        }

        Assert.All(statuses, status => Assert.Equal(expected, status));
    }

    [Fact]
    public void TryDecrypt_AllZeroInnerPlaintext_ReturnsMalformed()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);
        var record = Tls13RecordSealer.Seal(Tls13CipherSuite.Aes128GcmSha256, secret, 0, [], 0, paddingLength: 31);
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[record.Length];

        var status = protection.TryDecrypt(record.AsSpan(0, HeaderLength), record.AsSpan(HeaderLength),
            destination, out _, out _);

        Assert.Equal(DecryptStatus.Malformed, status);
        Assert.Equal(0UL, protection.SequenceNumber);
    }

    [Fact]
    public void TryDecrypt_PayloadAboveProtocolMaximum_ReturnsMalformed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var payload = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength + 1];
        byte[] header = [ApplicationDataContentType, 0x03, 0x03, (byte)(payload.Length >> BitsPerByte),
            (byte)payload.Length];
        var destination = new byte[payload.Length];

        var status = protection.TryDecrypt(header, payload, destination, out _, out _);

        Assert.Equal(DecryptStatus.Malformed, status);
    }

    [Fact]
    public void TryDecrypt_HeaderOfFourBytes_ReturnsMalformed()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];

        var status = protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength - 1), ServerRecord.AsSpan(HeaderLength),
            destination, out _, out _);

        Assert.Equal(DecryptStatus.Malformed, status);
    }

    [Fact]
    public void TryDecrypt_DestinationTooSmall_Throws()
    {
        using var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length - HeaderLength - GcmTagLength - 1];

        var thrown = Record.Exception(() => protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength),
            ServerRecord.AsSpan(HeaderLength), destination, out _, out _));

        Assert.IsType<ArgumentException>(thrown);
    }

    [Fact]
    public void TryDecrypt_AfterDispose_Throws()
    {
        var protection = CreateRfc8448ServerProtection();
        var destination = new byte[ServerRecord.Length];
        protection.Dispose();

        var thrown = Record.Exception(() => protection.TryDecrypt(ServerRecord.AsSpan(0, HeaderLength),
            ServerRecord.AsSpan(HeaderLength), destination, out _, out _));

        Assert.IsType<ObjectDisposedException>(thrown);
    }

    [Theory]
    [InlineData(Tls13CipherSuite.Aes128GcmSha256, 32)]
    [InlineData(Tls13CipherSuite.Aes256GcmSha384, 48)]
    [InlineData(Tls13CipherSuite.ChaCha20Poly1305Sha256, 32)]
    [InlineData(Tls13CipherSuite.Aes128CcmSha256, 32)]
    [InlineData(Tls13CipherSuite.Aes128Ccm8Sha256, 32)]
    public void TryDecrypt_SealedRecordsInOrder_ReturnContentAndInnerTypeWithoutPadding(
        ushort cipherSuite,
        int secretLength)
    {
        Assert.True(Tls13RecordProtection.IsSupported(cipherSuite), $"platform lacks suite {cipherSuite:X4}");
        var secret = RandomNumberGenerator.GetBytes(secretLength);
        byte[] content = [0x0b, 0x00, 0x00, 0x02, 0xAA, 0xBB];
        var first = Tls13RecordSealer.Seal(cipherSuite, secret, 0, content, Tls13RecordSealer.HandshakeContentType);
        var second = Tls13RecordSealer.Seal(cipherSuite, secret, 1, content, AlertContentType, paddingLength: 100);
        Assert.Equal(DecryptStatus.Success, Tls13RecordProtection.TryCreate(cipherSuite, secret, out var created));
        using var protection = Assert.IsType<Tls13RecordProtection>(created);
        var destination = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength];

        var firstStatus = protection.TryDecrypt(first.AsSpan(0, HeaderLength), first.AsSpan(HeaderLength),
            destination, out var firstLength, out var firstType);
        var firstContent = destination[..firstLength];
        var secondStatus = protection.TryDecrypt(second.AsSpan(0, HeaderLength), second.AsSpan(HeaderLength),
            destination, out var secondLength, out var secondType);

        Assert.Equal(DecryptStatus.Success, firstStatus);
        Assert.Equal(Tls13RecordSealer.HandshakeContentType, firstType);
        Assert.Equal(content, firstContent);
        Assert.Equal(DecryptStatus.Success, secondStatus);
        Assert.Equal(AlertContentType, secondType);
        Assert.Equal(content, destination[..secondLength]);
        Assert.Equal(2UL, protection.SequenceNumber);
        Assert.Equal(cipherSuite, protection.CipherSuite);
    }

    [Fact]
    public void TryCreate_Tls12CipherSuite_ReturnsUnsupportedCipherSuite()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);

        var status = Tls13RecordProtection.TryCreate(TlsRsaWithAes128CbcSha, secret, out var protection);

        Assert.Equal(DecryptStatus.UnsupportedCipherSuite, status);
        Assert.Null(protection);
    }

    [Fact]
    public void TryCreate_Sha256SecretForSha384Suite_ReturnsInvalidSecret()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);

        var status = Tls13RecordProtection.TryCreate(Tls13CipherSuite.Aes256GcmSha384, secret, out var protection);

        Assert.Equal(DecryptStatus.InvalidSecret, status);
        Assert.Null(protection);
    }

    [Fact]
    public void TryCreate_ChaCha20Poly1305_ReportsAvailabilityOfThePlatform()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);

        var status = Tls13RecordProtection.TryCreate(Tls13CipherSuite.ChaCha20Poly1305Sha256, secret,
            out var protection);
        protection?.Dispose();

        var expected = ChaCha20Poly1305.IsSupported ? DecryptStatus.Success : DecryptStatus.AlgorithmUnavailable;
        Assert.Equal(expected, status);
    }

    private static Tls13RecordProtection CreateRfc8448ServerProtection()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);
        var status = Tls13RecordProtection.TryCreate(Tls13CipherSuite.Aes128GcmSha256, secret, out var protection);
        Assert.Equal(DecryptStatus.Success, status);
        return Assert.IsType<Tls13RecordProtection>(protection);
    }
}
