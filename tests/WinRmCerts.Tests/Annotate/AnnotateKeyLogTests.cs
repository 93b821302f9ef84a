using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmCerts.Tests.Annotate;

/// <summary>
/// <c>annotate --keylog</c> on a real TLS 1.3 capture: the right key log names the decrypted
/// certificate; a key log whose secrets do not fit says so on the ServerHello's connection.
/// </summary>
public sealed class AnnotateKeyLogTests
{
    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Annotate_Tls13WithKeyLog_CommentNamesTheDecryptedCertificate()
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(
            new ScenarioOptions { Scenario = TlsScenario.Tls13 });
        using var folder = new TemporaryFolder("winrm-annotate-keylog");
        var output = folder.PathOf("annotated.pcapng");

        var code = Annotate(capture.CapturePath, output, KeyLog.Load(capture.KeyLogPath!));

        Assert.Equal(ExitCode.Success, code);
        var comments = Comments(output);
        var leaf = capture.ServerCertificates[0];
        Assert.Contains(comments, c => c.Contains("thumbprint=" + leaf.Thumbprint, StringComparison.Ordinal)
            && c.Contains("decrypted=yes", StringComparison.Ordinal));
        Assert.DoesNotContain(comments, c => c.Contains("reason=tls13-encrypted", StringComparison.Ordinal));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task Annotate_Tls13WithSecretsThatDoNotFit_SaysSoAndNamesNoCertificate()
    {
        using var capture = await CaptureScenarios.TlsSessionsAsync(
            new ScenarioOptions { Scenario = TlsScenario.Tls13 });
        using var folder = new TemporaryFolder("winrm-annotate-keylog");
        var output = folder.PathOf("annotated.pcapng");
        var wrong = string.Join('\n',
            File.ReadAllLines(capture.KeyLogPath!).Select(Export.ExportRun.FlipLastSecretDigit));

        var code = Annotate(capture.CapturePath, output, KeyLog.Parse(wrong));

        Assert.Equal(ExitCode.Success, code);
        var comments = Comments(output);
        Assert.Contains(comments, c => c.Contains("reason=keys-do-not-decrypt", StringComparison.Ordinal));
        Assert.DoesNotContain(comments, c => c.Contains("thumbprint=", StringComparison.Ordinal));
    }

    private static ExitCode Annotate(string input, string output, KeyLog keyLog) =>
        AnnotateCommand.Run(input, output, new AnnotationOptions { KeyLog = keyLog },
            new CommandOutput(new StringWriter(), new StringWriter(), ErrorIsTerminal: false),
            NullLoggerFactory.Instance);

    private static List<string> Comments(string capture) =>
        ProcessRunner.Run("tshark", ["-r", capture, "-Y", "frame.comment", "-T", "fields", "-e", "frame.comment"])
            .StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(line => line.Split(','))
            .ToList();
}
