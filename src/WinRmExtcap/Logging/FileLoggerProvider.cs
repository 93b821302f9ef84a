using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WinRmExtcap.Logging;

/// <summary>
/// Writes log lines to one file, appending and flushing each line, so a log survives the process
/// being terminated without warning (as Wireshark on Windows stops an extcap).
/// </summary>
internal sealed class FileLoggerProvider : ILoggerProvider
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public FileLoggerProvider(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        _writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false))
        {
            AutoFlush = true,
        };
    }

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Dispose();
        }
    }

    private void WriteLine(string categoryName, LogLevel level, EventId eventId, string message, Exception? error)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {level,-11} {categoryName}[{eventId.Id}] {message}");
        lock (_gate)
        {
            try
            {
                _writer.WriteLine(line);
                if (error is not null)
                {
                    _writer.WriteLine(error.ToString());
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // A full disk or a closed log must never stop a capture.
            }
        }
    }

    private sealed class FileLogger(FileLoggerProvider provider, string categoryName) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            provider.WriteLine(categoryName, logLevel, eventId, formatter(state, exception), exception);
        }
    }
}
