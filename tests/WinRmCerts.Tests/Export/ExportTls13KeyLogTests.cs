using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Export;

/// <summary>
/// TLS 1.3 through the whole pipeline: real openssl peers on loopback, one connection per cipher
/// suite and one with a client certificate, captured with tcpdump, exported with the client's key
/// log, and compared with what tshark shows with the same key log.
/// </summary>
public sealed class ExportTls13KeyLogTests : IDisposable
{
    private static int s_nextPort = 36_000;

    private readonly TestCertificates _certificates = new();
    private readonly TemporaryFolder _folder = new("winrm-certs-tls13");

    public void Dispose()
    {
        _certificates.Dispose();
        _folder.Dispose();
    }

    [RequiresTheory("tshark", "openssl", "tcpdump", "root")]
    [InlineData("TLS_AES_128_GCM_SHA256")]
    [InlineData("TLS_AES_256_GCM_SHA384")]
    [InlineData("TLS_CHACHA20_POLY1305_SHA256")]
    public async Task Export_Tls13CipherSuiteWithKeyLog_CertificateEqualsTsharks(string cipherSuite)
    {
        var server = _certificates.CreateChain(CertificateSpec.Server("winrm13.contoso.test"));
        var (capture, keyLog) = await CaptureTls13Async(server, cipherSuite, client: null);

        var ours = Export(capture, KeyLog.Load(keyLog));
        var tshark = TsharkThumbprints(capture, keyLog);

        Assert.Contains(server.Thumbprint, tshark);
        Assert.Equal(tshark.Order(), ours.Order());
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Export_Tls13ClientCertificateWithKeyLog_BothSidesRecovered()
    {
        var server = _certificates.CreateChain(CertificateSpec.Server("winrm13.contoso.test"));
        var client = _certificates.Create(CertificateSpec.Client("winrm-admin"), server.Root);
        var (capture, keyLog) = await CaptureTls13Async(server, "TLS_AES_256_GCM_SHA384", client);

        var ours = Export(capture, KeyLog.Load(keyLog));
        var tshark = TsharkThumbprints(capture, keyLog);

        Assert.Contains(client.Thumbprint, ours);
        Assert.Contains(server.Thumbprint, ours);
        Assert.Equal(tshark.Order(), ours.Order());
    }

    private async Task<(string Capture, string KeyLog)> CaptureTls13Async(
        TestCertificate server, string cipherSuite, TestCertificate? client)
    {
        var port = Interlocked.Increment(ref s_nextPort);
        var capturePath = _folder.PathOf($"tls13-{port}.pcap");
        var keyLogPath = _folder.PathOf($"keys-{port}.log");
        string[] tls13 = ["-tls1_3", "-ciphersuites", cipherSuite];

        await using var capture = await LoopbackCapture.StartAsync(new CaptureOptions
        {
            OutputPath = capturePath,
            Filter = "tcp port " + port.ToString(CultureInfo.InvariantCulture),
        });
        await using (var tlsServer = await OpensslServer.StartAsync(new OpensslServerOptions
        {
            Certificate = server,
            Port = port,
            ExtraArguments = tls13,
            RequiredClientAuthorityPath = client is null ? null : _certificates.WriteBundle("ca.pem", server.Root),
        }))
        {
            var result = await OpensslClient.ConnectAsync(new OpensslClientOptions
            {
                Port = port,
                KeyLogPath = keyLogPath,
                ClientCertificate = client,
                ExtraArguments = tls13,
            });
            Assert.True(result.HandshakeCompleted, result.StandardError);
            await tlsServer.StopAsync();
        }
        await capture.StopAsync();
        return (capturePath, keyLogPath);
    }

    private static HashSet<string> Export(string capture, KeyLog keyLog)
    {
        using var folder = new TemporaryFolder("winrm-certs-export");
        var (code, _, _) = ExportRun.Run(capture, folder.FullPath, keyLog);
        Assert.Equal(ExitCode.Success, code);
        return ExportRun.ThumbprintsIn(folder.FullPath).ToHashSet();
    }

    private static HashSet<string> TsharkThumbprints(string capture, string keyLog) =>
        ExportRun.TsharkThumbprints(capture, "-o", $"tls.keylog_file:{keyLog}", "-d", "tcp.port==1-65535,tls");
}
