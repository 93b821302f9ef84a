using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WinRmExtcap.Logging;

/// <summary>Builds the logger factory: a file the user chose, or nothing at all.</summary>
internal static class ExtcapLogging
{
    /// <exception cref="ExtcapUsageException">The log file cannot be opened.</exception>
    public static ILoggerFactory Create(string? logFile, LogLevel minimumLevel)
    {
        if (logFile is null)
        {
            return NullLoggerFactory.Instance;
        }

        FileLoggerProvider provider;
        try
        {
            provider = new FileLoggerProvider(logFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ExtcapUsageException($"cannot open log file {logFile}: {e.Message}");
        }
        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimumLevel)
            .AddProvider(provider));
    }
}
