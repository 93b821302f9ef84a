using WinRmCerts.Probing;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Probe;

/// <summary>Monitoring states and the status line: thresholds, name, trust, failures, and the worst of many.</summary>
public sealed class ProbeCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly ProbeSettings Settings = new() { WarnDays = 30, CriticalDays = 7 };
    private static readonly ChainTrust Trusted = new(true, "system", []);

    private readonly TestCertificates certificates = new();

    public void Dispose() => certificates.Dispose();

    [Theory]
    [InlineData(100, MonitoringStatus.Ok)]
    [InlineData(30, MonitoringStatus.Ok)]
    [InlineData(29, MonitoringStatus.Warning)]
    [InlineData(7, MonitoringStatus.Warning)]
    [InlineData(6, MonitoringStatus.Critical)]
    [InlineData(-1, MonitoringStatus.Critical)]
    public void Judge_DaysLeft_FollowsThresholds(int daysLeft, MonitoringStatus expected)
    {
        var result = Answered(daysLeft, nameMatches: true, Trusted);

        var (status, _) = ProbeCheck.Judge(result, Settings);

        Assert.Equal(expected, status);
    }

    [Fact]
    public void Judge_NameMismatchAndUntrusted_CriticalWithBothReasons()
    {
        var result = Answered(100, nameMatches: false, new ChainTrust(false, "system", ["UntrustedRoot"]));

        var (status, reasons) = ProbeCheck.Judge(result, Settings);

        Assert.Equal(MonitoringStatus.Critical, status);
        Assert.Equal(["name mismatch for 127.0.0.1", "untrusted (UntrustedRoot)"], reasons);
    }

    [Theory]
    [InlineData(ProbeFailureKind.ConnectionRefused, MonitoringStatus.Critical)]
    [InlineData(ProbeFailureKind.TimedOut, MonitoringStatus.Critical)]
    [InlineData(ProbeFailureKind.HandshakeFailed, MonitoringStatus.Critical)]
    [InlineData(ProbeFailureKind.NameNotResolved, MonitoringStatus.Unknown)]
    public void Judge_Failure_CriticalUnlessTheNameDidNotResolve(ProbeFailureKind kind, MonitoringStatus expected)
    {
        var result = new ProbeResult
        {
            Target = new ProbeTarget("127.0.0.1", 1),
            At = Now,
            Failure = new ProbeFailure(kind, "reason"),
        };

        var (status, reasons) = ProbeCheck.Judge(result, Settings);

        Assert.Equal(expected, status);
        Assert.Equal(["reason"], reasons);
    }

    [Fact]
    public void Summarize_WarningAndOk_WarningLineWithPerformanceData()
    {
        var results = new[] { Answered(100, true, Trusted), Answered(20, true, Trusted) };

        var (status, line) = ProbeCheck.Summarize(results, Settings);

        Assert.Equal(MonitoringStatus.Warning, status);
        Assert.StartsWith("WINRM-CERT WARNING - 127.0.0.1:5986: expires in 20 days (under 30) (thumbprint ",
            line, StringComparison.Ordinal);
        Assert.EndsWith("| '127.0.0.1:5986 days_left'=100;30;7 '127.0.0.1:5986 days_left'=20;30;7", line,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_CriticalOverUnknownOverWarningOverOk()
    {
        MonitoringStatus[] ranked = [.. Enum.GetValues<MonitoringStatus>().OrderByDescending(ProbeCheck.Rank)];

        Assert.Equal(
            [MonitoringStatus.Critical, MonitoringStatus.Unknown, MonitoringStatus.Warning, MonitoringStatus.Ok],
            ranked);
    }

    private ProbeResult Answered(int daysLeft, bool nameMatches, ChainTrust trust)
    {
        var spec = CertificateSpec.Server("a") with
        {
            NotBefore = Now.AddDays(-400),
            NotAfter = Now.AddDays(daysLeft).AddHours(daysLeft >= 0 ? 1 : -1),
        };
        var leaf = CertificateRecord.FromDer(certificates.Create(spec).Der);
        return new ProbeResult
        {
            Target = new ProbeTarget("127.0.0.1", ProbeTarget.WinRmHttpsPort),
            At = Now,
            Chain = [leaf],
            Validity = ValidityVerdict.Of(leaf, Now),
            NameMatches = nameMatches,
            Trust = trust,
        };
    }
}
