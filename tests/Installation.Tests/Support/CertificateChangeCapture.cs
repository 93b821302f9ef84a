using WinRmExtcap.TestSupport.RealTraffic;

namespace Installation.Tests.Support;

/// <summary>
/// A real capture, made once per test class, of five TLS 1.2 connections to one openssl s_server
/// address (127.0.0.1:5986 inside a network namespace of its own), in this order:
/// 0 certificate A; 1 A again, with a client certificate; 2 the renewed B; 3 the expired E;
/// 4 the not-yet-valid F. Each server certificate is issued by one test authority.
/// </summary>
public sealed class CertificateChangeCapture : IAsyncDisposable
{
    private readonly TestCertificates certificates = new();
    private readonly TemporaryFolder folder = new("winrm-cert-plugin");
    private readonly SemaphoreSlim gate = new(1, 1);
    private string? capturePath;

    public CertificateChangeCapture()
    {
        TestCertificate authority = certificates.Create(CertificateSpec.Authority("CN=WinRM Test Root"));
        AuthorityBundle = certificates.WriteBundle("authority.pem", authority);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        Original = Server(authority, now.AddDays(-300), now.AddDays(65));
        Renewed = Server(authority, now.AddDays(-2), now.AddDays(363));
        Expired = Server(authority, now.AddDays(-400), now.AddDays(-35));
        NotYetValid = Server(authority, now.AddDays(10), now.AddDays(375));
        Client = certificates.Create(CertificateSpec.Client("winrm-operator"), authority);
    }

    public TestCertificate Original { get; }

    public TestCertificate Renewed { get; }

    public TestCertificate Expired { get; }

    public TestCertificate NotYetValid { get; }

    public TestCertificate Client { get; }

    /// <summary>The server certificate of each connection, by TCP stream index.</summary>
    public IReadOnlyList<TestCertificate> ServerByStream => [Original, Original, Renewed, Expired, NotYetValid];

    private string AuthorityBundle { get; }

    /// <summary>The capture's path; recorded on first use.</summary>
    public async Task<string> PathAsync()
    {
        await gate.WaitAsync();
        try
        {
            capturePath ??= await RecordAsync();
            return capturePath;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        certificates.Dispose();
        folder.Dispose();
        gate.Dispose();
        await Task.CompletedTask;
    }

    private TestCertificate Server(TestCertificate authority, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        certificates.Create(CertificateSpec.Server("winrm01.contoso.test") with
        {
            NotBefore = notBefore,
            NotAfter = notAfter,
        }, authority);

    private async Task<string> RecordAsync()
    {
        using NetworkNamespace space = NetworkNamespace.Create();
        string path = folder.PathOf("certificate-change.pcap");
        await using (LoopbackCapture capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = path, Namespace = space }))
        {
            await ConnectOnceAsync(space, Original, clientCertificate: null);
            await ConnectOnceAsync(space, Original, Client);
            await ConnectOnceAsync(space, Renewed, clientCertificate: null);
            await ConnectOnceAsync(space, Expired, clientCertificate: null);
            await ConnectOnceAsync(space, NotYetValid, clientCertificate: null);
            await capture.StopAsync();
        }
        return path;
    }

    private async Task ConnectOnceAsync(
        NetworkNamespace space, TestCertificate serverCertificate, TestCertificate? clientCertificate)
    {
        await using OpensslServer server = await OpensslServer.StartAsync(new OpensslServerOptions
        {
            Certificate = serverCertificate,
            Namespace = space,
            RequiredClientAuthorityPath = clientCertificate is null ? null : AuthorityBundle,
        });
        OpensslClientResult result = await OpensslClient.ConnectAsync(new OpensslClientOptions
        {
            Namespace = space,
            ServerName = "winrm01.contoso.test",
            ClientCertificate = clientCertificate,
            ExtraArguments = ["-tls1_2"],
        });
        if (!result.HandshakeCompleted)
        {
            throw new InvalidOperationException($"TLS handshake failed: {result.StandardError}");
        }
        await server.StopAsync();
    }
}
