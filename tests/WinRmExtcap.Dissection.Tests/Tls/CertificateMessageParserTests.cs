using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Tls;

public sealed class CertificateMessageParserTests
{
    [Fact]
    public void Parse_Tls12Chain_ReturnsCertificatesInOrder()
    {
        var body = CertificateBody(TestChain.Ders);

        var certificates = CertificateMessageParser.Parse(body, isTls13: false);

        Assert.NotNull(certificates);
        Assert.Equal(TestChain.Ders, certificates);
    }

    [Fact]
    public void Parse_Tls13WithContextAndExtensions_ReturnsCertificates()
    {
        var leaf = TestChain.Ders[0];
        var entry = Concat(Hex(U24(leaf.Length)), leaf, Hex("0000"));     // cert_data, empty extensions
        var body = Concat(Hex("00"), Hex(U24(entry.Length)), entry);       // empty request context

        var certificates = CertificateMessageParser.Parse(body, isTls13: true);

        Assert.NotNull(certificates);
        Assert.Equal([leaf], certificates);
    }

    [Fact]
    public void Parse_EmptyList_ReturnsNoCertificates()
    {
        var certificates = CertificateMessageParser.Parse(Hex("000000"), isTls13: false);

        Assert.NotNull(certificates);
        Assert.Empty(certificates);
    }

    [Fact]
    public void Parse_ZeroLengthCertificate_Null()
    {
        var certificates = CertificateMessageParser.Parse(Hex("000003", "000000"), isTls13: false);

        Assert.Null(certificates);
    }

    [Fact]
    public void Parse_BytesAfterList_Null()
    {
        var body = Concat(CertificateBody(TestChain.Ders), Hex("00"));

        var certificates = CertificateMessageParser.Parse(body, isTls13: false);

        Assert.Null(certificates);
    }

    [Fact]
    public void Parse_EveryTruncatedPrefix_Null()
    {
        var body = CertificateBody(TestChain.Ders);

        for (var length = 0; length < body.Length; length++)
        {
            var certificates = CertificateMessageParser.Parse(body.AsSpan(0, length), isTls13: false);

            Assert.Null(certificates);
        }
    }
}
