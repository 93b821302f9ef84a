using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>What the packet annotator compares certificates against.</summary>
public sealed record AnnotationOptions
{
    /// <summary>Thumbprints the user expects servers to present; empty means no check.</summary>
    public IReadOnlyList<Thumbprint> ExpectedThumbprints { get; init; } = [];

    /// <summary>TCP ports to look at; empty means TLS on any port.</summary>
    public IReadOnlySet<ushort> Ports { get; init; } = new HashSet<ushort>();

    /// <summary>TLS 1.3 secrets (NSS key log) that reveal encrypted certificates; empty means none.</summary>
    public KeyLog KeyLog { get; init; } = KeyLog.Empty;

    /// <summary>
    /// A key log file clients are still appending to (live capture): read again whenever a TLS 1.3
    /// connection's keys are missing.
    /// </summary>
    public KeyLogFile? GrowingKeyLog { get; init; }
}
