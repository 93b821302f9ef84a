using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Export;

/// <summary>
/// <c>export</c> on captures made here with real TLS peers (openssl, SslStream) and real libpcap
/// capture, for what the public corpus lacks: long chains over a small MSS, reordered and
/// retransmitted segments, VLAN tags, SLL2, IPv6, TLS 1.3 with key logs, cut captures.
/// </summary>
[Collection(RealTrafficCollection.Name)]
public sealed class ExportScenarioTests
{
    [RequiresTheory("tshark", "openssl", "tcpdump", "root")]
    [InlineData(TlsScenario.Renewal)]
    [InlineData(TlsScenario.Rollback)]
    [InlineData(TlsScenario.LongChainSmallMtu)]
    [InlineData(TlsScenario.Ipv6)]
    [InlineData(TlsScenario.Vlan)]
    [InlineData(TlsScenario.LinuxCookedV2)]
    [InlineData(TlsScenario.ClientCertificate)]
    [InlineData(TlsScenario.OutOfOrderSegments)]
    [InlineData(TlsScenario.RetransmittedSegment)]
    public async Task Export_RealPeerCapture_WritesEveryCertificateTheHandshakesCarried(TlsScenario scenario)
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = scenario });
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var expected = capture.CertificateMessages.SelectMany(chain => chain).Select(c => c.Thumbprint).ToHashSet();

        var (code, _, _) = ExportRun.Run(capture.CapturePath, folder.FullPath);

        Assert.Equal(ExitCode.Success, code);
        Assert.Equal(expected.Order(), ExportRun.ThumbprintsIn(folder.FullPath));
        foreach (var certificate in capture.CertificateMessages.SelectMany(chain => chain))
        {
            var file = Path.Combine(folder.FullPath, certificate.Thumbprint + ".cer");
            Assert.Equal(certificate.Der, File.ReadAllBytes(file));
        }
    }

    [RequiresTheory("tshark", "openssl", "tcpdump", "root")]
    [InlineData(TlsScenario.Tls13)]
    [InlineData(TlsScenario.HelloRetryRequest)]
    public async Task Export_Tls13WithKeyLog_RecoversTheEncryptedCertificate(TlsScenario scenario)
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = scenario });
        using var withKeys = new TemporaryFolder("winrm-certs-tests");
        using var withoutKeys = new TemporaryFolder("winrm-certs-tests");
        var tshark = ExportRun.TsharkThumbprints(capture.CapturePath, "-o", $"tls.keylog_file:{capture.KeyLogPath}");

        ExportRun.Run(capture.CapturePath, withoutKeys.FullPath);
        var (code, _, _) = ExportRun.Run(capture.CapturePath, withKeys.FullPath, KeyLog.Load(capture.KeyLogPath!));

        Assert.Equal(ExitCode.Success, code);
        Assert.Empty(ExportRun.ThumbprintsIn(withoutKeys.FullPath));
        Assert.NotEmpty(tshark);
        Assert.Equal(tshark.Order(), ExportRun.ThumbprintsIn(withKeys.FullPath));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Export_KeyLogOfOtherConnections_SaysSoAndWritesNothing()
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(
            new ScenarioOptions { Scenario = TlsScenario.Tls13 });
        using var other = await CaptureScenarios.TlsSessionsAsync(new ScenarioOptions { Scenario = TlsScenario.Tls13 });
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var (code, _, error) = ExportRun.Run(capture.CapturePath, folder.FullPath, KeyLog.Load(other.KeyLogPath!));

        Assert.Equal(ExitCode.Success, code);
        Assert.Empty(ExportRun.ThumbprintsIn(folder.FullPath));
        Assert.Contains("the key log holds no handshake secrets for this connection", error, StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Export_CorruptedKeyLog_SaysTheKeysDoNotDecryptAndWritesNothing()
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(
            new ScenarioOptions { Scenario = TlsScenario.Tls13 });
        using var folder = new TemporaryFolder("winrm-certs-tests");
        var corrupted = string.Join('\n', File.ReadAllLines(capture.KeyLogPath!).Select(ExportRun.FlipLastSecretDigit));

        var (code, _, error) = ExportRun.Run(capture.CapturePath, folder.FullPath, KeyLog.Parse(corrupted));

        Assert.Equal(ExitCode.Success, code);
        Assert.Empty(ExportRun.ThumbprintsIn(folder.FullPath));
        Assert.Contains("do not decrypt", error, StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Export_CaptureCutMidPacket_KeepsWhatCameBeforeAndExitsDamaged()
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(
            new ScenarioOptions { Scenario = TlsScenario.TruncatedFile });
        using var folder = new TemporaryFolder("winrm-certs-tests");

        var (code, _, error) = ExportRun.Run(capture.CapturePath, folder.FullPath);

        Assert.Equal(ExitCode.InputDamaged, code);
        Assert.Contains(capture.CapturePath, error, StringComparison.Ordinal);
        Assert.Contains("cut short", error, StringComparison.Ordinal);
    }
}
