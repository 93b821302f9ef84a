using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Tests.Tls;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Certificates;

public sealed class ValidityVerdictTests
{
    private static readonly CertificateRecord Leaf = CertificateRecord.FromDer(TestChain.Leaf.RawData);

    [Fact]
    public void Of_AtNotBefore_Valid()
    {
        var verdict = ValidityVerdict.Of(Leaf, TestChain.LeafNotBefore);

        Assert.Equal(ValidityStatus.Valid, verdict.Status);
        Assert.Equal("valid", verdict.Word);
        Assert.Equal(366, verdict.WholeDaysLeft);
    }

    [Fact]
    public void Of_JustBeforeNotBefore_NotYetValid()
    {
        var verdict = ValidityVerdict.Of(Leaf, TestChain.LeafNotBefore.AddSeconds(-1));

        Assert.Equal(ValidityStatus.NotYetValid, verdict.Status);
        Assert.Equal("not-yet-valid", verdict.Word);
    }

    [Fact]
    public void Of_AtNotAfter_ValidWithNoDaysLeft()
    {
        var verdict = ValidityVerdict.Of(Leaf, TestChain.LeafNotAfter);

        Assert.Equal(ValidityStatus.Valid, verdict.Status);
        Assert.Equal(0, verdict.WholeDaysLeft);
    }

    [Fact]
    public void Of_AfterNotAfter_ExpiredWithWholeDays()
    {
        var at = TestChain.LeafNotAfter.AddDays(10).AddHours(23);

        var verdict = ValidityVerdict.Of(Leaf, at);

        Assert.Equal(ValidityStatus.Expired, verdict.Status);
        Assert.Equal("expired", verdict.Word);
        Assert.Equal(10, verdict.WholeDaysExpired);
        Assert.Equal(at, verdict.At);
    }

    [Fact]
    public void Of_PartialDayLeft_RoundedDown()
    {
        var verdict = ValidityVerdict.Of(Leaf, TestChain.LeafNotAfter.AddDays(-2).AddSeconds(1));

        Assert.Equal(1, verdict.WholeDaysLeft);
    }

    [Fact]
    public void Of_UndecodableCertificate_Undecodable()
    {
        var record = CertificateRecord.FromDer([0x30, 0x03, 0x02, 0x01, 0x00]);

        var verdict = ValidityVerdict.Of(record, TestChain.LeafNotBefore);

        Assert.Equal(ValidityStatus.Undecodable, verdict.Status);
        Assert.Equal("undecodable", verdict.Word);
    }
}
