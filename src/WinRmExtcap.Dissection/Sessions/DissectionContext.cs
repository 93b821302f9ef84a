using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>What every connection of a run shares: the frame being processed and the sinks.</summary>
internal sealed class DissectionContext
{
    public DissectionContext(IDissectionObserver observer, TrackerCounters counters, TrackerOptions options)
    {
        Observer = observer;
        Counters = counters;
        Options = options;
        KeyLog = options.KeyLog;
    }

    /// <summary>The key log in force: the user's, plus any secrets the capture itself carries.</summary>
    public KeyLog KeyLog { get; set; }

    public IDissectionObserver Observer { get; }

    public TrackerCounters Counters { get; }

    public TrackerOptions Options { get; }

    public CertificateCache Certificates { get; } = new();

    public long FrameNumber { get; set; }

    public long TimestampNs { get; set; }
}
