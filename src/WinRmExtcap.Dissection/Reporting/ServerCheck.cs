using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Whether the certificates a server presented on the wire are the one a configuration names
/// (a WinRM listener, an HTTP.sys binding) or one of the thumbprints the user expects.
/// </summary>
public sealed record ServerCheck
{
    public required ServerKey Server { get; init; }

    /// <summary>
    /// What the wire is compared with, for example <c>WinRM HTTPS listener *:5986</c> or
    /// <c>--expect</c>.
    /// </summary>
    public required string Against { get; init; }

    /// <summary>Where that came from (file and line), or null for <c>--expect</c>.</summary>
    public string? Origin { get; init; }

    /// <summary>The configured or expected thumbprints.</summary>
    public required IReadOnlyList<Thumbprint> Expected { get; init; }

    /// <summary>Leaf certificates presented that are among <see cref="Expected"/>.</summary>
    public required IReadOnlyList<ReportedCertificate> Matching { get; init; }

    /// <summary>Leaf certificates presented that are not.</summary>
    public required IReadOnlyList<ReportedCertificate> Differing { get; init; }

    /// <summary>The leaf the server presented last, or null when no certificate of it was visible.</summary>
    public ReportedCertificate? Current { get; init; }

    /// <summary>True when nothing presented differs (also when no certificate was visible to compare).</summary>
    public bool Passed => Differing.Count == 0;

    /// <summary>True when no certificate of the server was visible (TLS 1.3, resumptions only, lost).</summary>
    public bool NothingToCompare => Current is null;
}
