using WinRmCerts.Probing;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Probe;

/// <summary>
/// What --watch logs between two probes of one endpoint: changes, threshold crossings, expiry and
/// reachability.
/// </summary>
public sealed class ProbeWatchTests : IDisposable
{
    private const int WarnDays = 30;

    private static readonly ProbeTarget Target = new("127.0.0.1", ProbeTarget.WinRmHttpsPort);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly TestCertificates certificates = new();
    private readonly CertificateRecord longLived;
    private readonly CertificateRecord renewed;

    public ProbeWatchTests()
    {
        longLived = Record(CertificateSpec.Server("a") with { NotAfter = Now.AddDays(100) });
        renewed = Record(CertificateSpec.Server("a") with { NotAfter = Now.AddDays(400) });
    }

    public void Dispose() => certificates.Dispose();

    [Fact]
    public void Observe_SameCertificateTwice_FirstSeenThenNothing()
    {
        var watch = new ProbeWatch(WarnDays);

        var first = watch.Observe(Answered(longLived, Now));
        var second = watch.Observe(Answered(longLived, Now.AddMinutes(5)));

        Assert.Equal([WatchEventKind.FirstSeen], first.Select(e => e.Kind));
        Assert.Empty(second);
    }

    [Fact]
    public void Observe_OtherLeaf_ChangedWithPreviousThumbprint()
    {
        var watch = new ProbeWatch(WarnDays);
        watch.Observe(Answered(longLived, Now));

        var events = watch.Observe(Answered(renewed, Now.AddMinutes(5)));

        var change = Assert.Single(events);
        Assert.Equal(WatchEventKind.CertificateChanged, change.Kind);
        Assert.Equal(longLived.Thumbprint, change.Previous);
        Assert.Equal(renewed.Thumbprint, change.Result.Leaf!.Thumbprint);
    }

    [Fact]
    public void Observe_TimePassesIntoWarningThenExpiry_CrossedThenExpired()
    {
        var watch = new ProbeWatch(WarnDays);
        watch.Observe(Answered(longLived, Now));

        var intoWarning = watch.Observe(Answered(longLived, Now.AddDays(80)));
        var stillWarning = watch.Observe(Answered(longLived, Now.AddDays(90)));
        var expired = watch.Observe(Answered(longLived, Now.AddDays(101)));

        Assert.Equal([WatchEventKind.WarnThresholdCrossed], intoWarning.Select(e => e.Kind));
        Assert.Empty(stillWarning);
        Assert.Equal([WatchEventKind.Expired], expired.Select(e => e.Kind));
    }

    [Fact]
    public void Observe_RenewalWhileInWarning_ChangedAndCleared()
    {
        var watch = new ProbeWatch(WarnDays);
        watch.Observe(Answered(longLived, Now.AddDays(80)));

        var events = watch.Observe(Answered(renewed, Now.AddDays(81)));

        Assert.Equal([WatchEventKind.CertificateChanged, WatchEventKind.WarnThresholdCleared],
            events.Select(e => e.Kind));
    }

    [Fact]
    public void Observe_OutageAndReturn_UnreachableOnceThenReachable()
    {
        var watch = new ProbeWatch(WarnDays);
        watch.Observe(Answered(longLived, Now));

        var down = watch.Observe(Refused(Now.AddMinutes(1)));
        var stillDown = watch.Observe(Refused(Now.AddMinutes(2)));
        var back = watch.Observe(Answered(longLived, Now.AddMinutes(3)));

        var outage = Assert.Single(down);
        Assert.Equal(WatchEventKind.Unreachable, outage.Kind);
        Assert.Equal(longLived.Thumbprint, outage.Previous);
        Assert.Empty(stillDown);
        Assert.Equal([WatchEventKind.Reachable], back.Select(e => e.Kind));
    }

    private CertificateRecord Record(CertificateSpec spec) =>
        CertificateRecord.FromDer(certificates.Create(spec with { NotBefore = Now.AddDays(-10) }).Der);

    private static ProbeResult Answered(CertificateRecord leaf, DateTimeOffset at) => new()
    {
        Target = Target,
        At = at,
        Chain = [leaf],
        Validity = ValidityVerdict.Of(leaf, at),
    };

    private static ProbeResult Refused(DateTimeOffset at) => new()
    {
        Target = Target,
        At = at,
        Failure = new ProbeFailure(ProbeFailureKind.ConnectionRefused, "connection refused"),
    };
}
