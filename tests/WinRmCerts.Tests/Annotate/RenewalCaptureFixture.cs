using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Annotate;

/// <summary>
/// One real renewal capture (openssl s_server presents certificate A, then the renewed B, to
/// openssl s_client, recorded by tcpdump), shared by the annotate tests. Recorded only where the
/// prerequisites exist; elsewhere the tests that need it are skipped.
/// </summary>
public sealed class RenewalCaptureFixture : IAsyncLifetime
{
    private ScenarioCapture? capture;

    /// <summary>The recorded capture; only the tests marked with the prerequisites use it.</summary>
    public ScenarioCapture Capture => capture
        ?? throw new InvalidOperationException("the renewal capture needs tshark, openssl, tcpdump and root");

    public async Task InitializeAsync()
    {
        if (Prerequisite.MissingReason("tshark", "openssl", "tcpdump", "root") is not null)
        {
            return;
        }
        capture = await CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = TlsScenario.Renewal });
    }

    public Task DisposeAsync()
    {
        capture?.Dispose();
        return Task.CompletedTask;
    }
}
