using System.CommandLine;
using Microsoft.Extensions.Logging;
using WinRmCerts.Report;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmCerts.Commands;

/// <summary>
/// <c>winrm-certs report CAPTURE... [--expect THUMBPRINT]... [--listener-config FILE]...</c>: per
/// TLS connection, per certificate and per server what the captures show, checked against the
/// configuration. Exits with <see cref="ExitCode.CheckFailed"/> when a server presented a
/// certificate other than the configured or expected one, or one expired or not yet valid at
/// the capture time of the packet that carried it.
/// </summary>
public static class ReportCommand
{
    public static Command Create(CommandOutput output, ILoggerFactory loggerFactory)
    {
        var captures = SharedOptions.Captures();
        var ports = SharedOptions.Ports();
        var keyLog = SharedOptions.KeyLog();
        var expect = new Option<string[]>("--expect", "-e")
        {
            Description = "A thumbprint the servers should present (repeatable). Pasted forms with spaces, "
                + "colons, lower case or the certificate dialog's invisible mark are accepted.",
        };
        var listenerConfig = new Option<string[]>("--listener-config", "-c")
        {
            Description = "Saved output of 'winrm enumerate winrm/config/listener', of 'Get-ChildItem "
                + "WSMan:\\localhost\\Listener -Recurse | Format-List', or of 'netsh http show sslcert' "
                + "(repeatable; UTF-8 or UTF-16).",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON with Elastic Common Schema field names." };
        var csv = new Option<bool>("--csv") { Description = "Print CSV, one row per TLS connection." };

        var command = new Command("report",
            "Report every TLS connection, certificate and server certificate timeline in the captures, and "
            + "check them against the listener configuration. Exit code 2 when a presented certificate is not "
            + "the configured or expected one, or was expired or not yet valid at capture time.")
        {
            captures, ports, expect, listenerConfig, json, csv, keyLog,
        };
        command.SetAction(parse => (int)Run(
            new ReportRequest
            {
                Captures = parse.GetValue(captures) ?? [],
                Ports = SharedOptions.ToPortSet(parse.GetValue(ports)),
                KeyLogFile = parse.GetValue(keyLog),
                Expected = parse.GetValue(expect) ?? [],
                ListenerConfigurations = parse.GetValue(listenerConfig) ?? [],
                Json = parse.GetValue(json),
                Csv = parse.GetValue(csv),
            },
            output,
            loggerFactory));
        return command;
    }

    public static ExitCode Run(ReportRequest request, CommandOutput output, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        ReportFormat format;
        IReadOnlyList<Thumbprint> expected;
        ListenerConfiguration configuration;
        KeyLog keyLog;
        try
        {
            format = FormatOf(request);
            keyLog = SharedOptions.LoadKeyLog(request.KeyLogFile, output.Error);
            expected = ParseExpected(request.Expected);
            configuration = ReadConfigurations(request.ListenerConfigurations);
        }
        catch (UserInputException e)
        {
            output.Error.WriteLine($"winrm-certs: {e.Message}");
            return ExitCode.InputError;
        }
        foreach (var warning in configuration.Warnings)
        {
            output.Error.WriteLine($"winrm-certs: warning: {warning}");
        }

        var collector = new ReportCollector();
        var logger = loggerFactory.CreateLogger<ConnectionTracker>();
        var problems = new List<InputProblem>();
        var code = CaptureInputs.ReadAll(request.Captures, output, name =>
        {
            collector.CurrentCapture = name;
            var options = new TrackerOptions { Ports = request.Ports, KeyLog = keyLog };
            return new ConnectionTracker(options, collector, logger);
        }, problems);

        var report = new ReportContents(
            collector, ReportChecks.Evaluate(collector.Servers, configuration, expected), configuration)
        {
            InputProblems = problems,
        };
        switch (format)
        {
            case ReportFormat.Json:
                ReportJsonWriter.Write(output.Out, report);
                break;
            case ReportFormat.Csv:
                ReportCsvWriter.Write(output.Out, report);
                break;
            default:
                ReportTableWriter.Write(output.Out, report);
                if (code != ExitCode.Success)
                {
                    output.Out.WriteLine();
                    output.Out.WriteLine(code == ExitCode.InputError
                        ? "INCOMPLETE: an input could not be read (see the error above); this report covers the rest."
                        : "INCOMPLETE: an input was damaged or cut short; this report covers what came before.");
                }
                break;
        }
        return report.ChecksFailed ? CaptureInputs.Worse(code, ExitCode.CheckFailed) : code;
    }

    private static ReportFormat FormatOf(ReportRequest request) => (request.Json, request.Csv) switch
    {
        (true, true) => throw new UserInputException("--json and --csv cannot be used together"),
        (true, false) => ReportFormat.Json,
        (false, true) => ReportFormat.Csv,
        _ => ReportFormat.Table,
    };

    private static Thumbprint[] ParseExpected(IReadOnlyList<string> texts)
    {
        var thumbprints = new List<Thumbprint>();
        foreach (var text in texts)
        {
            if (!Thumbprint.TryParse(text, out var thumbprint))
            {
                throw new UserInputException(
                    $"--expect \"{text}\": not a certificate thumbprint (40 hex digits, as Windows shows it)");
            }
            thumbprints.Add(thumbprint);
        }
        return thumbprints.Distinct().ToArray();
    }

    private static ListenerConfiguration ReadConfigurations(IReadOnlyList<string> paths)
    {
        var parts = new List<ListenerConfiguration>();
        foreach (var path in paths)
        {
            ListenerConfiguration part;
            try
            {
                part = ListenerConfigurationParser.ReadFile(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"{path}: {FileProblem.Describe(e, path)}", e);
            }
            if (part.Certificates.Count == 0)
            {
                throw new UserInputException(
                    $"{path}: no WinRM HTTPS listener or SSL binding found (expected the saved output of "
                    + "'winrm enumerate winrm/config/listener', 'Get-ChildItem WSMan:\\localhost\\Listener "
                    + "-Recurse | Format-List' or 'netsh http show sslcert')");
            }
            parts.Add(part);
        }
        return ListenerConfiguration.Combine(parts);
    }
}
