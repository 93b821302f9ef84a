using System.Diagnostics;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>Waits for the extcap's log to say the capture is live (device open, fifo open).</summary>
internal static class CaptureReadiness
{
    /// <summary>The log line of event 101, written once the device and the fifo are open.</summary>
    private const string FifoOpenedMarker = "[101]";

    private const int PollIntervalMs = 50;

    public static async Task WaitAsync(string logFile, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (File.Exists(logFile) && ReadShared(logFile).Contains(FifoOpenedMarker, StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(PollIntervalMs);
        }
        var log = File.Exists(logFile) ? ReadShared(logFile) : "(no log file)";
        throw new TimeoutException($"the extcap did not start capturing within {timeout}: {log}");
    }

    public static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
