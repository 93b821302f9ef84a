using System.CommandLine;
using Microsoft.Extensions.Logging;
using WinRmCerts.Commands;

namespace WinRmCerts;

internal static class Program
{
    private static int Main(string[] args)
    {
        var level = Environment.GetEnvironmentVariable("WINRM_CERTS_LOG_LEVEL") is { } text
            && Enum.TryParse<LogLevel>(text, ignoreCase: true, out var parsed) ? parsed : LogLevel.None;
        using var loggerFactory = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(level)
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter((_, _) => level != LogLevel.None));
        var root = CommandLine.Create(CommandOutput.Console, loggerFactory);
        var parse = root.Parse(args);
        var code = parse.Invoke();

        // A monitoring system reads 1 as WARNING: under probe --check, a command line it cannot
        // even parse is UNKNOWN (3), as the monitoring-plugin convention says.
        const int monitoringUnknown = 3;
        return parse.Errors.Count > 0 && args.Contains("probe") && args.Contains("--check") ? monitoringUnknown : code;
    }
}
