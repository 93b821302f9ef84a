using WinRmCerts.Commands;
using WinRmExtcap.TestSupport;

namespace WinRmCerts.Tests.Report;

/// <summary>
/// The README's main command on the sample captures shipped in <c>samples/</c> (made by
/// <c>samples/make-samples.sh</c> with real peers) tells the sample's story.
/// </summary>
public sealed class ReportSampleTests
{
    private static readonly string Renewal = Path.Combine(RepositoryPaths.Samples, "winrm-renewal.pcapng");
    private static readonly string Expired = Path.Combine(RepositoryPaths.Samples, "winrm-expired.pcapng");
    private static readonly string ListenerConfig = Path.Combine(RepositoryPaths.Samples, "listener-config.txt");

    [Fact]
    public void Report_RenewalSample_ListenerNamesAButTheWireMovedToRenewedB()
    {
        var run = ReportRun.Json(Renewal, request => request with { ListenerConfigurations = [ListenerConfig] });

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        Assert.Equal(["first", "renewal"], run.Changes);
        var timeline = run.Server.GetProperty("timeline").EnumerateArray()
            .Select(entry => entry.GetProperty("tls").GetProperty("server").GetProperty("hash").GetProperty("sha1")
                .GetString())
            .ToList();
        var check = Assert.Single(run.Server.GetProperty("checks").EnumerateArray().ToList());
        Assert.Equal("mismatch", check.GetProperty("result").GetString());
        Assert.Equal([timeline[0]], check.GetProperty("expected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(timeline[1], check.GetProperty("current").GetString());
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Report_RenewalSampleTable_StartsWithTheResultAndTheStory()
    {
        var run = ReportRun.Of(new ReportRequest { Captures = [Renewal], ListenerConfigurations = [ListenerConfig] });

        var lines = run.Out.Split('\n');
        Assert.Equal("RESULT: CHECK FAILED (exit code 2)", lines[2]);
        Assert.StartsWith("  - 127.0.0.1:5986 (winrm01.contoso.test): renewal to [3]", lines[3],
            StringComparison.Ordinal);
        Assert.StartsWith("  ! 127.0.0.1:5986 (winrm01.contoso.test): MISMATCH: WinRM HTTPS listener *:5986 names [1]",
            lines[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ExpiredSample_ExpiredAtCaptureTimeAndTheValidatingClientsAlert()
    {
        var run = ReportRun.Json(Expired);

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        Assert.All(run.Connections, connection => Assert.Equal("expired",
            connection.GetProperty("winrm_certs").GetProperty("certificate_validity").GetProperty("status")
                .GetString()));
        var alerts = run.Connections
            .SelectMany(c => c.GetProperty("winrm_certs").GetProperty("alerts").EnumerateArray())
            .Select(alert => alert.GetProperty("description").GetString());
        Assert.Contains("certificate_expired", alerts);
    }
}
