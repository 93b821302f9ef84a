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
        return root.Parse(args).Invoke();
    }
}
