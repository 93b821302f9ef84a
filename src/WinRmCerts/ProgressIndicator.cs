using System.Diagnostics;
using System.Globalization;

namespace WinRmCerts;

/// <summary>
/// A one-line progress display on standard error, shown only when that is a terminal and the
/// file takes more than a moment; erased when done.
/// </summary>
public sealed class ProgressIndicator : IDisposable
{
    private const long RedrawIntervalMs = 250;
    private const long QuietStartMs = 1000;

    private readonly CommandOutput _output;
    private readonly string _name;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _lastDrawMs;
    private bool _drawn;

    public ProgressIndicator(CommandOutput output, string name)
    {
        _output = output;
        _name = name;
    }

    public void Report(long bytesRead, long? totalBytes)
    {
        var now = _clock.ElapsedMilliseconds;
        if (!_output.ErrorIsTerminal || now < QuietStartMs || now - _lastDrawMs < RedrawIntervalMs)
        {
            return;
        }
        _lastDrawMs = now;
        var megabytes = (bytesRead / 1_048_576.0).ToString("F0", CultureInfo.InvariantCulture);
        var percent = totalBytes is > 0 ? $" {100 * bytesRead / totalBytes.Value}%" : string.Empty;
        _output.Error.Write($"\rreading {_name}:{percent} {megabytes} MB ");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn)
        {
            _output.Error.Write("\r\u001b[K");
        }
    }
}
