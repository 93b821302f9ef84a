using System.Runtime.InteropServices;

namespace WinRmExtcap.Capture;

/// <summary>
/// Turns SIGTERM (Wireshark's stop on Unix), SIGINT and SIGHUP into a cancellation. Since .NET 10
/// the runtime no longer handles SIGTERM by itself, so without this the process would die at
/// once. If the capture has not wound down shortly after the signal (for example it is still
/// blocked opening the fifo), the process exits anyway.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    /// <summary>Wireshark expects the capture to end within a second of asking.</summary>
    private const int ForcedExitDelayMs = 900;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private Timer? _forcedExit;

    public StopSignals()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGHUP; Wireshark ends a Windows extcap with TerminateProcess anyway.
            }
        }
    }

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that asked to stop, or null.</summary>
    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
        _forcedExit?.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Received is not null)
        {
            return;
        }
        Received = context.Signal;
        _forcedExit = new Timer(_ => Environment.Exit((int)ExitCode.Success), null, ForcedExitDelayMs,
            Timeout.Infinite);
        _stop.Cancel();
    }
}
