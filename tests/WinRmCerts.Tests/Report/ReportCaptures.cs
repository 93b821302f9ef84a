using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Report;

/// <summary>
/// Records every <see cref="ReportCase"/> once per test class, all at the same time, with real
/// peers (openssl s_server and s_client, a .NET SslStream server for the rollback) in network
/// namespaces of their own, captured by tcpdump. Recording starts when a test first asks, so a
/// machine without the programs skips the tests without recording anything.
/// </summary>
public sealed class ReportCaptures : IAsyncLifetime
{
    private const string HostName = "winrm01.contoso.test";

    private readonly Lazy<Task<IReadOnlyDictionary<ReportCase, RecordedCapture>>> _recordings;
    private readonly WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder _folder = new("winrm-report-tests");
    private readonly TestCertificates _certificates = new();
    private readonly List<ScenarioCapture> _scenarios = [];

    public ReportCaptures()
    {
        _recordings = new(RecordAllAsync);
    }

    /// <summary>The capture of <paramref name="reportCase"/>, recording every case on first use.</summary>
    public async Task<RecordedCapture> GetAsync(ReportCase reportCase) => (await _recordings.Value)[reportCase];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_recordings.IsValueCreated)
        {
            try
            {
                await _recordings.Value;
            }
            catch (InvalidOperationException)
            {
                // A failed recording already failed the tests that asked for it.
            }
        }
        foreach (var scenario in _scenarios)
        {
            scenario.Dispose();
        }
        _certificates.Dispose();
        _folder.Dispose();
    }

    private async Task<IReadOnlyDictionary<ReportCase, RecordedCapture>> RecordAllAsync()
    {
        var tasks = new Dictionary<ReportCase, Task<RecordedCapture>>
        {
            [ReportCase.Renewal] = FromScenarioAsync(TlsScenario.Renewal),
            [ReportCase.Rollback] = FromScenarioAsync(TlsScenario.Rollback),
            [ReportCase.Tls13] = FromScenarioAsync(TlsScenario.Tls13),
            [ReportCase.Resumption] = FromScenarioAsync(TlsScenario.Resumption),
            [ReportCase.ClientCertificate] = FromScenarioAsync(TlsScenario.ClientCertificate),
            [ReportCase.UntrustedAuthority] = FromScenarioAsync(TlsScenario.HandshakeFailure),
            [ReportCase.SnapLengthCutsCertificate] = FromScenarioAsync(TlsScenario.SnapLengthCutsCertificate),
            [ReportCase.Expired] = SingleAsync("expired", new CertificateSpec
            {
                Subject = "CN=" + HostName,
                DnsNames = [HostName],
                NotBefore = DateTimeOffset.UtcNow.AddDays(-400),
                NotAfter = DateTimeOffset.UtcNow.AddDays(-35),
            }),
            [ReportCase.NotYetValid] = SingleAsync("not-yet-valid", new CertificateSpec
            {
                Subject = "CN=" + HostName,
                DnsNames = [HostName],
                NotBefore = DateTimeOffset.UtcNow.AddDays(10),
                NotAfter = DateTimeOffset.UtcNow.AddDays(400),
            }),
            // The client insists on TLS 1.3, the server (like Windows Server 2019) stops at 1.2.
            [ReportCase.ProtocolMismatch] = SingleAsync("protocol-mismatch", CertificateSpec.Server(HostName),
                serverArguments: ["-no_tls1_3"], clientArguments: ["-tls1_3"]),
        };
        await Task.WhenAll(tasks.Values);
        return tasks.ToDictionary(pair => pair.Key, pair => pair.Value.Result);
    }

    private async Task<RecordedCapture> FromScenarioAsync(TlsScenario scenario)
    {
        var capture = await CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = scenario });
        lock (_scenarios)
        {
            _scenarios.Add(capture);
        }
        return new RecordedCapture(capture.CapturePath,
            capture.ServerCertificates.Select(c => c.Thumbprint).ToArray(),
            capture.ClientCertificate?.Thumbprint);
    }

    private async Task<RecordedCapture> SingleAsync(string name, CertificateSpec spec,
        IReadOnlyList<string>? serverArguments = null, IReadOnlyList<string>? clientArguments = null)
    {
        TestCertificate server;
        lock (_certificates)
        {
            var authority = _certificates.Create(CertificateSpec.Authority($"CN=Report Test CA {name},O=Contoso"));
            server = _certificates.Create(spec, authority);
        }

        using var space = NetworkNamespace.Create();
        var path = _folder.PathOf(name + ".pcap");
        await using (var capture = await LoopbackCapture.StartAsync(new CaptureOptions
        {
            OutputPath = path,
            Namespace = space,
        }))
        {
            await using var openssl = await OpensslServer.StartAsync(new OpensslServerOptions
            {
                Certificate = server,
                Namespace = space,
                ExtraArguments = serverArguments ?? [],
            });
            await OpensslClient.ConnectAsync(new OpensslClientOptions
            {
                ServerName = HostName,
                Namespace = space,
                ExtraArguments = clientArguments ?? ["-tls1_2"],
            });
            await openssl.StopAsync();
            await capture.StopAsync();
        }
        return new RecordedCapture(path, [server.Thumbprint], null);
    }
}
