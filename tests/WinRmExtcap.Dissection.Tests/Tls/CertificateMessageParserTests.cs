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

    [Fact]
    public void ParseSalvaging_ZeroLengthEntryBeforeCertificates_KeepsTheCertificates()
    {
        var leaf = TestChain.Ders[0];
        var issuer = TestChain.Ders[1];
        var list = Concat(Hex("000000"),                                  // an empty ASN.1Cert
            Hex(U24(leaf.Length)), leaf, Hex(U24(issuer.Length)), issuer);
        var body = Concat(Hex(U24(list.Length)), list);

        var certificates = CertificateMessageParser.ParseSalvaging(body, isTls13: false, out var complete);

        Assert.False(complete);
        Assert.Equal([leaf, issuer], certificates);
    }

    [Fact]
    public void ParseSalvaging_LastEntryOverrunsTheList_KeepsEarlierCertificates()
    {
        var leaf = TestChain.Ders[0];
        var list = Concat(Hex(U24(leaf.Length)), leaf, Hex("0010FF", "3082"));  // claims 4351 bytes, has 2
        var body = Concat(Hex(U24(list.Length)), list);

        var certificates = CertificateMessageParser.ParseSalvaging(body, isTls13: false, out var complete);

        Assert.False(complete);
        Assert.Equal([leaf], certificates);
    }

    [Fact]
    public void ParseSalvaging_WellFormedChain_CompleteAndSameAsParse()
    {
        var body = CertificateBody(TestChain.Ders);

        var certificates = CertificateMessageParser.ParseSalvaging(body, isTls13: false, out var complete);

        Assert.True(complete);
        Assert.Equal(CertificateMessageParser.Parse(body, isTls13: false), certificates);
    }
}
