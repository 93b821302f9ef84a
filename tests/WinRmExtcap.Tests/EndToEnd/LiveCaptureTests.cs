using System.Diagnostics;
using System.Text;
using WinRmExtcap.Control;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>
/// The <c>--capture</c> call on loopback with real TLS peers, driven directly: stopping by
/// signal, by a closed fifo and by a closed control pipe, and the toolbar messages. A port of its
/// own keeps these tests clear of other tests' traffic on 5986.
/// </summary>
public sealed class LiveCaptureTests : IDisposable
{
    private const int Port = 25986;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(1);

    private readonly TemporaryFolder _folder = new("winrm-extcap-live");
    private readonly TestCertificates _certificates = new();

    public void Dispose()
    {
        _certificates.Dispose();
        _folder.Dispose();
    }

    [RequiresFact("tshark", "openssl", "root")]
    public async Task Capture_Sigterm_StopsWithinASecondAndPacketsStayReadable()
    {
        var output = _folder.PathOf("out.pcapng");
        using var extcap = StartCapture("--fifo", output);
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);
        await TlsTraffic.HandshakeAsync(_certificates.Create(CertificateSpec.Server("sigterm.test")), Port);

        var stopped = Signal(extcap, "TERM");

        Assert.True(stopped < StopLimit, $"stopped after {stopped}");
        Assert.Equal(0, extcap.ExitCode);
        Assert.Equal(string.Empty, extcap.StandardError);
        var read = ProcessRunner.Run("tshark", ["-r", output, "-T", "fields", "-e", "tcp.port"]);
        Assert.Equal(0, read.ExitCode);
        var rows = ExtcapProgram.Lines(read.StandardOutput);
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Contains("25986", row, StringComparison.Ordinal));
    }

    [RequiresFact("tshark", "openssl", "root")]
    public async Task Capture_Tls13WithGrowingKeyLog_CommentNamesTheDecryptedCertificate()
    {
        var output = _folder.PathOf("keylog.pcapng");
        var keyLog = _folder.PathOf("sslkeys.log");
        var certificate = _certificates.Create(CertificateSpec.Server("tls13.test"));
        using var extcap = StartCapture("--fifo", output, "--keylog-file", keyLog);
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);

        await TlsTraffic.HandshakeAsync(certificate, Port, tls13: true, keyLogPath: keyLog);
        Signal(extcap, "TERM");

        var read = ProcessRunner.Run("tshark", ["-r", output, "-T", "fields", "-e", "frame.comment"]);
        var comments = ExtcapProgram.Lines(read.StandardOutput);
        var decrypted = Assert.Single(comments, c => c.Contains("thumbprint=" + certificate.Thumbprint));
        Assert.Contains("decrypted=yes", decrypted, StringComparison.Ordinal);
    }

    [RequiresFact("tshark", "openssl", "root")]
    public async Task Capture_RenewalMismatchAndTls13_CommentsSayWhat()
    {
        var output = _folder.PathOf("comments.pcapng");
        var listenerThumbprint = _certificates.Create(CertificateSpec.Server("listener.test")).Thumbprint;
        var first = _certificates.Create(CertificateSpec.Server("renewal.test"));
        var renewed = _certificates.Create(CertificateSpec.Server("renewal.test"));
        using var extcap = StartCapture("--fifo", output,
            "--expected-thumbprint", listenerThumbprint.ToLowerInvariant());
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);

        await TlsTraffic.HandshakeAsync(first, Port);
        await TlsTraffic.HandshakeAsync(renewed, Port);
        await TlsTraffic.HandshakeAsync(renewed, Port, tls13: true);
        Signal(extcap, "TERM");

        var read = ProcessRunner.Run("tshark", ["-r", output, "-T", "fields", "-e", "frame.comment"]);
        var comments = ExtcapProgram.Lines(read.StandardOutput);
        var firstComment = Assert.Single(comments, c => c.Contains("thumbprint=" + first.Thumbprint));
        Assert.Contains("expected=mismatch", firstComment, StringComparison.Ordinal);
        var renewedComment = Assert.Single(comments, c => c.Contains("thumbprint=" + renewed.Thumbprint));
        Assert.Contains("changed_from=" + first.Thumbprint, renewedComment, StringComparison.Ordinal);
        Assert.Contains(comments, c => c.Contains("reason=tls13-encrypted", StringComparison.Ordinal));
    }

    [RequiresFact("openssl", "root")]
    public async Task Capture_Sigint_StopsWithinASecond()
    {
        using var extcap = StartCapture("--fifo", _folder.PathOf("out.pcapng"));
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);

        var stopped = Signal(extcap, "INT");

        Assert.True(stopped < StopLimit, $"stopped after {stopped}");
        Assert.Equal(0, extcap.ExitCode);
    }

    [RequiresFact("cat", "root")]
    public async Task Capture_ReaderClosesFifo_StopsWithinASecondWithoutTraffic()
    {
        var fifo = MakeFifo("fifo");
        using var reader = ExternalProcess.Start("sh", ["-c", $"cat '{fifo}' > '{_folder.PathOf("copy")}'"]);
        using var extcap = StartCapture("--fifo", fifo);
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);

        var clock = Stopwatch.StartNew();
        reader.Dispose();
        var exited = await extcap.WaitForExitAsync(TimeSpan.FromSeconds(5));

        Assert.True(exited && clock.Elapsed < StopLimit, $"exited={exited} after {clock.Elapsed}");
        Assert.Contains("fifo closed", CaptureReadiness.ReadShared(LogFile), StringComparison.Ordinal);
    }

    [RequiresFact("openssl", "root")]
    public async Task Capture_ControlPipes_SendsInitialCountAndAnswersTheSaveButton()
    {
        var controlIn = MakeFifo("control-in");
        var controlOut = MakeFifo("control-out");
        var certificateFolder = _folder.PathOf("certificates");
        using var extcap = StartCapture("--fifo", _folder.PathOf("out.pcapng"),
            "--extcap-control-in", controlIn, "--extcap-control-out", controlOut,
            "--certificate-folder", certificateFolder);
        var fromExtcap = new ControlPipeReader(controlOut);
        await using var toExtcap = await Task.Run(() =>
            new FileStream(controlIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
            .WaitAsync(StartTimeout);

        Send(toExtcap, new ControlMessage(0, ControlCommand.Initialized, []));
        var count = fromExtcap.WaitFor(m => m.Command == ControlCommand.Set, StartTimeout);
        var disable = fromExtcap.WaitFor(m => m.Command == ControlCommand.Disable, StartTimeout);
        Send(toExtcap, new ControlMessage((byte)ToolbarControl.SaveCertificates, ControlCommand.Set, []));
        var status = fromExtcap.WaitFor(m => m.Command == ControlCommand.StatusbarMessage, StartTimeout);

        Assert.Equal((byte)ToolbarControl.CertificateCount, count.ControlNumber);
        Assert.Equal("0", Encoding.UTF8.GetString(count.Payload));
        Assert.Equal((byte)ToolbarControl.CertificateCount, disable.ControlNumber);
        Assert.StartsWith($"Saved 0 of 0 certificates to {certificateFolder}", Encoding.UTF8.GetString(status.Payload));

        var clock = Stopwatch.StartNew();
        await toExtcap.DisposeAsync();
        var exited = await extcap.WaitForExitAsync(TimeSpan.FromSeconds(5));
        Assert.True(exited && clock.Elapsed < StopLimit, $"exited={exited} after {clock.Elapsed}");
    }

    [RequiresFact("openssl", "root")]
    public async Task Capture_NewCertificate_ShowsCountStatusLogAndSavesIt()
    {
        var controlIn = MakeFifo("control-in");
        var controlOut = MakeFifo("control-out");
        var certificateFolder = _folder.PathOf("certificates");
        using var extcap = StartCapture("--fifo", _folder.PathOf("out.pcapng"),
            "--extcap-control-in", controlIn, "--extcap-control-out", controlOut,
            "--certificate-folder", certificateFolder);
        var fromExtcap = new ControlPipeReader(controlOut);
        await using var toExtcap = await Task.Run(() =>
            new FileStream(controlIn, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1))
            .WaitAsync(StartTimeout);
        Send(toExtcap, new ControlMessage(0, ControlCommand.Initialized, []));
        await CaptureReadiness.WaitAsync(LogFile, StartTimeout);
        var certificate = _certificates.Create(CertificateSpec.Server("toolbar.test"));

        await TlsTraffic.HandshakeAsync(certificate, Port);
        var logLine = fromExtcap.WaitFor(m => m.Command == ControlCommand.Add, StartTimeout);
        var status = fromExtcap.WaitFor(m => m.Command == ControlCommand.StatusbarMessage, StartTimeout);

        Assert.Contains(certificate.Thumbprint, Encoding.UTF8.GetString(status.Payload), StringComparison.Ordinal);
        Assert.Equal((byte)ToolbarControl.CertificateLog, logLine.ControlNumber);
        Assert.Equal(certificate.Der, await File.ReadAllBytesAsync(
            Path.Combine(certificateFolder, certificate.Thumbprint + ".cer")));
    }

    private string LogFile => _folder.PathOf("extcap.log");

    private ExternalProcess StartCapture(params string[] arguments) =>
        ExternalProcess.Start(ExtcapProgram.PathOnDisk, [
            "--capture", "--extcap-interface", "winrm", "--device", "lo", "--ports", "25986",
            "--log-file", LogFile, "--log-level", "debug", .. arguments,
        ]);

    private string MakeFifo(string name)
    {
        var path = _folder.PathOf(name);
        var made = ProcessRunner.Run("mkfifo", [path]);
        Assert.Equal(0, made.ExitCode);
        return path;
    }

    private static TimeSpan Signal(ExternalProcess process, string signal)
    {
        var clock = Stopwatch.StartNew();
        var id = process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ProcessRunner.Run("kill", ["-" + signal, id]);
        var exited = process.WaitForExitAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        Assert.True(exited, "the extcap did not exit");
        return clock.Elapsed;
    }

    private static void Send(Stream pipe, ControlMessage message)
    {
        pipe.Write(message.Encode());
        pipe.Flush();
    }
}
