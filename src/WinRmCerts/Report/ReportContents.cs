using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Report;

/// <summary>Everything one <c>report</c> run prints: what the captures held and how the checks went.</summary>
/// <param name="Collector">Servers, certificates and connections gathered from the captures.</param>
/// <param name="Checks">Per server, the wire compared with the configuration and expected thumbprints.</param>
/// <param name="Configuration">The saved listener configuration read, or an empty one.</param>
public sealed record ReportContents(
    ReportCollector Collector,
    IReadOnlyList<ServerCheck> Checks,
    ListenerConfiguration Configuration)
{
    /// <summary>Inputs that could not be read completely; the report covers the rest.</summary>
    public IReadOnlyList<InputProblem> InputProblems { get; init; } = [];

    /// <summary>True when a configured or expected thumbprint differs from the wire.</summary>
    public bool ThumbprintMismatch => Checks.Any(check => !check.Passed);

    /// <summary>True when a server presented a leaf that was expired or not yet valid at capture time.</summary>
    public bool InvalidCertificatePresented => ReportChecks.AnyInvalidPresentation(Collector.Servers);

    /// <summary>True when the run should end with <see cref="ExitCode.CheckFailed"/>.</summary>
    public bool ChecksFailed => ThumbprintMismatch || InvalidCertificatePresented;

    /// <summary>The report's number for a certificate (<c>[n]</c>), or null when it was never seen.</summary>
    public int? NumberOf(Thumbprint thumbprint) =>
        Collector.Find(thumbprint)?.Number;

    /// <summary>The checks of one server.</summary>
    public IEnumerable<ServerCheck> ChecksOf(ServerKey server) => Checks.Where(check => check.Server == server);
}
