namespace WinRmCerts.Commands;

/// <summary>What the user asked <c>report</c> for, as parsed from the command line.</summary>
public sealed record ReportRequest
{
    /// <summary>Capture files; "-" is standard input.</summary>
    public required IReadOnlyList<string> Captures { get; init; }

    /// <summary>TCP ports to look at; empty means TLS on any port.</summary>
    public IReadOnlySet<ushort> Ports { get; init; } = new HashSet<ushort>();

    /// <summary>The key log file named with --keylog, if any (TLS 1.3 certificates).</summary>
    public FileInfo? KeyLogFile { get; init; }

    /// <summary>Thumbprints as the user typed or pasted them.</summary>
    public IReadOnlyList<string> Expected { get; init; } = [];

    /// <summary>Saved listener configuration files.</summary>
    public IReadOnlyList<string> ListenerConfigurations { get; init; } = [];

    public bool Json { get; init; }

    public bool Csv { get; init; }
}
