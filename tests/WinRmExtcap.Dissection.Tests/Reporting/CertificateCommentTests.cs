using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tests.Tls;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Reporting;

public sealed class CertificateCommentTests
{
    private static readonly NetworkEndpoint Client =
        new(IpAddressValue.FromIPAddress(IPAddress.Parse("192.0.2.10")), 50123);

    private static readonly NetworkEndpoint Server =
        new(IpAddressValue.FromIPAddress(IPAddress.Parse("192.0.2.20")), 5986);

    [Fact]
    public void ForCertificate_ValidLeaf_WritesEveryFieldInOrder()
    {
        var at = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var chain = ChainAt(at, TestChain.Ders);

        var comment = CertificateComment.ForCertificate(chain, 0, replaced: null, expectedMatch: null);

        Assert.Equal(
            $"winrm-cert: server thumbprint={TestChain.Leaf.Thumbprint} subject=\"CN=winrm.example.test\""
            + " not_after=2025-01-01T12:00:00Z status=valid days_left=214 chain=1/3 server=192.0.2.20:5986",
            comment);
    }

    [Theory]
    [InlineData("2025-01-01T12:00:01Z", "status=expired chain=")]
    [InlineData("2023-12-31T23:59:59Z", "status=not-yet-valid chain=")]
    [InlineData("2025-01-01T12:00:00Z", "status=valid days_left=0 chain=")]
    [InlineData("2024-01-01T00:00:00Z", "status=valid days_left=366 chain=")]
    public void ForCertificate_PacketTime_StatusJudgedAtIt(string packetTime, string expectedStatus)
    {
        var chain = ChainAt(DateTimeOffset.Parse(packetTime, System.Globalization.CultureInfo.InvariantCulture),
            TestChain.Ders);

        var comment = CertificateComment.ForCertificate(chain, 0, replaced: null, expectedMatch: null);

        Assert.Contains(" not_after=2025-01-01T12:00:00Z " + expectedStatus, comment, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCertificate_SubjectWithQuotesAndBackslash_Escaped()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("a \"b\" c\\d");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(TestChain.LeafNotBefore, TestChain.LeafNotAfter);
        var chain = ChainAt(TestChain.LeafNotBefore, [certificate.RawData]);

        var comment = CertificateComment.ForCertificate(chain, 0, replaced: null, expectedMatch: null);

        // The platform quotes the value and doubles its quotes; the comment escapes each quote
        // and backslash of that text once more.
        Assert.Equal("CN=\"a \"\"b\"\" c\\d\"", chain.Chain[0].Subject);
        Assert.Equal(
            $"winrm-cert: server thumbprint={Thumbprint.Of(certificate.RawData).Hex}"
            + """ subject="CN=\"a \"\"b\"\" c\\d\"" not_after=2025-01-01T12:00:00Z"""
            + " status=valid days_left=366 chain=1/1 server=192.0.2.20:5986",
            comment);
    }

    [Fact]
    public void ForCertificate_ChangedAndMismatch_AppendedAfterServer()
    {
        var chain = ChainAt(TestChain.LeafNotBefore, TestChain.Ders);
        var previous = Thumbprint.Of(TestChain.OtherLeaf.RawData);

        var comment = CertificateComment.ForCertificate(chain, 0, previous, expectedMatch: false);

        Assert.EndsWith($" server=192.0.2.20:5986 changed_from={previous.Hex} expected=mismatch", comment,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ForCertificate_Intermediate_ChainPosition()
    {
        var chain = ChainAt(TestChain.LeafNotBefore, TestChain.Ders);

        var comment = CertificateComment.ForCertificate(chain, 1, replaced: null, expectedMatch: null);

        Assert.StartsWith($"winrm-cert: server thumbprint={TestChain.Certificates[1].Thumbprint}"
            + " subject=\"CN=Test Intermediate CA\"", comment, StringComparison.Ordinal);
        Assert.Contains(" chain=2/3 ", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCertificate_UndecodableCertificate_StatusAndError()
    {
        byte[] notDer = [0x30, 0x03, 0x02, 0x01, 0x00];
        var chain = ChainAt(TestChain.LeafNotBefore, [notDer]);

        var comment = CertificateComment.ForCertificate(chain, 0, replaced: null, expectedMatch: null);

        Assert.StartsWith($"winrm-cert: server thumbprint={Thumbprint.Of(notDer).Hex} subject=\"\" status=undecodable"
            + " chain=1/1", comment, StringComparison.Ordinal);
        Assert.Contains(" error=\"", comment, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatTime_Offset_WrittenAsUtcToTheSecond()
    {
        var time = new DateTimeOffset(2017, 1, 13, 14, 0, 0, 500, TimeSpan.FromHours(2));

        var text = CertificateComment.FormatTime(time);

        Assert.Equal("2017-01-13T12:00:00Z", text);
    }

    private static CertificateChainSeen ChainAt(DateTimeOffset at, byte[][] ders)
    {
        var timestampNs = (at - DateTimeOffset.UnixEpoch).Ticks * TimeSpan.NanosecondsPerTick;
        var connection = new TlsConnection(0, Client, Server, 1, timestampNs);
        var records = ders.Select(CertificateRecord.FromDer).ToList();
        return new CertificateChainSeen(connection, CertificateRole.Server, 7, timestampNs, records,
            [.. records.Select(_ => true)], Decrypted: false);
    }
}
