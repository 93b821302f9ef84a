using WinRmCerts.Commands;

namespace WinRmCerts.Tests.Report;

/// <summary>User mistakes end <c>report</c> with exit code 1 and one line on standard error.</summary>
public sealed class ReportCommandInputTests
{
    private static readonly string NoSuchCapture = Path.Combine(Path.GetTempPath(), "winrm-no-such-capture.pcap");

    [Fact]
    public void Run_ExpectIsNotAThumbprint_InputErrorNamingIt()
    {
        var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture], Expected = ["not-a-thumbprint"] });

        Assert.Equal(ExitCode.InputError, run.Code);
        Assert.Equal(
            "winrm-certs: --expect \"not-a-thumbprint\": not a certificate thumbprint (40 hex digits, as Windows "
            + "shows it)" + Environment.NewLine, run.Error);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Run_JsonAndCsv_InputError()
    {
        var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture], Json = true, Csv = true });

        Assert.Equal(ExitCode.InputError, run.Code);
        Assert.Contains("--json and --csv", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingListenerConfiguration_InputErrorNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "winrm-no-such-listener.txt");

        var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture], ListenerConfigurations = [missing] });

        Assert.Equal(ExitCode.InputError, run.Code);
        Assert.Equal($"winrm-certs: {missing}: no such file{Environment.NewLine}", run.Error);
    }

    [Fact]
    public void Run_ListenerConfigurationWithoutListeners_InputError()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "nothing useful here\n");

            var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture], ListenerConfigurations = [path] });

            Assert.Equal(ExitCode.InputError, run.Code);
            Assert.Contains("no WinRM HTTPS listener or SSL binding found", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Run_MissingCapture_InputErrorAndAnEmptyReportOfWhatWasRead()
    {
        var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture] });

        Assert.Equal(ExitCode.InputError, run.Code);
        Assert.Equal($"winrm-certs: {NoSuchCapture}: no such file{Environment.NewLine}", run.Error);
        Assert.StartsWith("winrm-certs report: 0 captures, 0 TLS connections", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingCaptureAsJson_InputProblemListedAndSummaryIncomplete()
    {
        var run = ReportRun.Of(new ReportRequest { Captures = [NoSuchCapture], Json = true });

        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var problem = Assert.Single(json.RootElement.GetProperty("input_problems").EnumerateArray().ToList());
        Assert.Equal(NoSuchCapture, problem.GetProperty("capture").GetString());
        Assert.Equal("unreadable", problem.GetProperty("kind").GetString());
        Assert.Equal("no such file", problem.GetProperty("reason").GetString());
        Assert.False(json.RootElement.GetProperty("summary").GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void CommandLine_ReportIsRegisteredWithItsOptions()
    {
        var root = CommandLine.Create(CommandOutput.Console,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var report = root.Subcommands.Single(command => command.Name == "report");

        Assert.Equal(["--port", "--expect", "--listener-config", "--json", "--csv", "--keylog"],
            report.Options.Select(option => option.Name));
    }
}
