namespace WinRmCerts.Commands;

/// <summary>Everything <c>winrm-certs probe</c> was asked to do, as parsed from the command line.</summary>
public sealed record ProbeRequest
{
    /// <summary>HOST[:PORT] arguments, as typed.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>A file with one HOST[:PORT] per line, or null.</summary>
    public string? HostsFile { get; init; }

    public bool Tls12Only { get; init; }

    /// <summary>--sni: the name to send and match instead of the host, or null.</summary>
    public string? ServerName { get; init; }

    /// <summary>A PEM bundle or DER file of trust anchors, or null for the system store.</summary>
    public string? CaFile { get; init; }

    public TimeSpan Timeout { get; init; } = Probing.ProbeSettings.DefaultTimeout;

    /// <summary>Probes running at once.</summary>
    public int Parallelism { get; init; } = Probing.ProbeRound.DefaultParallelism;

    /// <summary>Time between probe rounds, or null to probe once.</summary>
    public TimeSpan? WatchInterval { get; init; }

    /// <summary>Rounds to run under watch, or null to run until interrupted.</summary>
    public int? Count { get; init; }

    public int WarnDays { get; init; } = 30;

    public int CriticalDays { get; init; }

    /// <summary>True for a monitoring-plugin status line and exit code.</summary>
    public bool Check { get; init; }

    public bool Json { get; init; }
}
