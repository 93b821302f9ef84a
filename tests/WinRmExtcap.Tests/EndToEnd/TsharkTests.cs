using System.Globalization;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>
/// The extcap driven through the real tshark, found where tshark looks for extcaps, capturing
/// real TLS handshakes on loopback.
/// </summary>
public sealed class TsharkTests : IClassFixture<TsharkExtcapFolder>, IDisposable
{
    private const int WinRmPort = 5986;
    private const int OtherTlsPort = 15986;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly TsharkExtcapFolder _extcap;
    private readonly TemporaryFolder _folder = new("winrm-extcap-tshark-run");
    private readonly TestCertificates _certificates = new();

    public TsharkTests(TsharkExtcapFolder extcap)
    {
        _extcap = extcap;
    }

    public void Dispose()
    {
        _certificates.Dispose();
        _folder.Dispose();
    }

    [RequiresFact("tshark", "root")]
    public void ListInterfaces_ShowsTheWinRmInterface()
    {
        var result = _extcap.RunTshark(["-D"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"(?m)^\d+\. winrm \(WinRM over HTTPS\)$", result.StandardOutput);
    }

    [RequiresFact("tshark", "openssl", "root")]
    public async Task Capture_TwoCertificatesOn5986_KeepsOnlyWinRmPortAndNamesBothThumbprints()
    {
        var first = _certificates.Create(CertificateSpec.Server("winrm01.contoso.test"));
        var renewed = _certificates.Create(CertificateSpec.Server("winrm01.contoso.test"));
        var elsewhere = _certificates.Create(CertificateSpec.Server("web.contoso.test"));
        var output = _folder.PathOf("out.pcapng");

        var tshark = StartCapture(output, durationSeconds: 10);
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);
        await TlsTraffic.HandshakeAsync(first, WinRmPort);
        await TlsTraffic.HandshakeAsync(elsewhere, OtherTlsPort);
        await TlsTraffic.HandshakeAsync(renewed, WinRmPort);
        var captured = await tshark;

        Assert.Equal(0, captured.ExitCode);
        var ports = ReadFields(output, "-e", "tcp.srcport", "-e", "tcp.dstport");
        Assert.NotEmpty(ports);
        Assert.All(ports, row => Assert.Contains("5986", row.Split('\t')));
        var comments = string.Join("\n", ReadFields(output, "-e", "frame.comment"));
        Assert.Contains("thumbprint=" + first.Thumbprint, comments, StringComparison.Ordinal);
        Assert.Contains("thumbprint=" + renewed.Thumbprint, comments, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.Thumbprint, comments, StringComparison.Ordinal);
        AssertNoExtcapLeft();
    }

    [RequiresFact("tshark", "openssl", "root")]
    public async Task Capture_WithCaptureFilter_HonoursIt()
    {
        var certificate = _certificates.Create(CertificateSpec.Server("filter.contoso.test"));
        var output = _folder.PathOf("syn.pcapng");

        var tshark = StartCapture(output, durationSeconds: 6, "-f", "tcp[tcpflags] & tcp-syn != 0");
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);
        await TlsTraffic.HandshakeAsync(certificate, WinRmPort);
        var captured = await tshark;

        Assert.Equal(0, captured.ExitCode);
        var flags = ReadFields(output, "-e", "tcp.flags.syn");
        Assert.True(flags.Length >= 2, $"{flags.Length} packets");
        Assert.All(flags, syn => Assert.Contains(syn, new[] { "1", "True" }));
        AssertNoExtcapLeft();
    }

    [RequiresFact("tshark", "root")]
    public void Capture_WithInvalidCaptureFilter_IsRejectedWithTheReason()
    {
        var result = _extcap.RunTshark([
            "-i", "winrm", "-f", "hots x", "-o", "extcap.winrm.device:lo",
            "-a", "duration:3", "-w", _folder.PathOf("bad.pcapng"),
        ]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("syntax error", result.StandardError, StringComparison.Ordinal);
        AssertNoExtcapLeft();
    }

    private string LogFile => _folder.PathOf("extcap.log");

    [RequiresFact("tshark", "root")]
    public async Task Capture_TsharkKilled_ExtcapEndsOnItsOwn()
    {
        var info = new System.Diagnostics.ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "-i", "winrm", "-o", "extcap.winrm.device:lo", "-o", "extcap.winrm.ports:25999",
            "-w", _extcap.PathOf("killed.pcapng"),
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in _extcap.Environment)
        {
            info.Environment[key] = value;
        }
        using var tshark = System.Diagnostics.Process.Start(info)!; // Start returns null only for shell verbs.
        await WaitUntilAsync(() => ProcessRunner.Run("pgrep", ["-f", _extcap.RootPath]).ExitCode == 0,
            TimeSpan.FromSeconds(20));

        tshark.Kill();
        await tshark.WaitForExitAsync();
        var ended = await WaitUntilAsync(() => ProcessRunner.Run("pgrep", ["-f", _extcap.RootPath]).ExitCode != 0,
            TimeSpan.FromSeconds(5));

        Assert.True(ended, "the extcap outlived a killed tshark by more than 5 s");
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return condition();
    }

    private Task<ProcessRunner.Result> StartCapture(string output, int durationSeconds, params string[] extra) =>
        Task.Run(() => _extcap.RunTshark([
            "-i", "winrm",
            "-o", "extcap.winrm.device:lo",
            "-o", "extcap.winrm.logfile:" + LogFile,
            "-o", "extcap.winrm.loglevel:debug",
            "-a", "duration:" + durationSeconds.ToString(CultureInfo.InvariantCulture),
            "-w", output, .. extra,
        ]));

    private static string[] ReadFields(string capture, params string[] fields)
    {
        var result = ProcessRunner.Run("tshark", ["-r", capture, "-T", "fields", .. fields]);
        Assert.Equal(0, result.ExitCode);
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>tshark's autostop must not leave the extcap behind.</summary>
    private void AssertNoExtcapLeft()
    {
        var left = ProcessRunner.Run("pgrep", ["-f", _extcap.RootPath]);
        Assert.True(left.ExitCode != 0, "extcap still running: " + left.StandardOutput);
    }
}
