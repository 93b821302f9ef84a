using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// Compares each server's certificates on the wire with the saved configuration and the
/// thumbprints the user expects. For each kind of configuration (listener, WSMan drive, HTTP.sys
/// binding) the entry that applies most specifically to the server is used, as HTTP.sys does:
/// a host name binding before an address binding before a wildcard.
/// </summary>
public static class ReportChecks
{
    /// <summary>What <c>--expect</c> checks are labelled with.</summary>
    public const string ExpectLabel = "--expect";

    /// <summary>
    /// One check per server and configuration kind that applies, plus one per server for expected
    /// thumbprints.
    /// </summary>
    public static IReadOnlyList<ServerCheck> Evaluate(IReadOnlyList<ServerReport> servers,
        ListenerConfiguration configuration, IReadOnlyCollection<Thumbprint> expected)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(expected);

        var checks = new List<ServerCheck>();
        foreach (var server in servers)
        {
            var applicable = configuration.Certificates
                .Where(entry => entry.Thumbprint is not null && entry.AppliesTo(server.Key))
                .GroupBy(entry => entry.Source)
                .Select(group => group.OrderByDescending(entry => entry.Specificity).First());
            foreach (var entry in applicable)
            {
                // Thumbprint is non-null: entries without one were filtered out above.
                checks.Add(Check(server, entry.Description, entry.Origin, [entry.Thumbprint!.Value]));
            }
            if (expected.Count > 0)
            {
                checks.Add(Check(server, ExpectLabel, null, expected.ToArray()));
            }
        }
        return checks;
    }

    /// <summary>
    /// True when a server leaf certificate was expired or not yet valid at the capture time of a
    /// packet that carried it.
    /// </summary>
    public static bool AnyInvalidPresentation(IReadOnlyList<ServerReport> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        return servers.Any(server => server.Timeline.Any(
            entry => entry.ExpiredPresentations > 0 || entry.NotYetValidPresentations > 0));
    }

    private static ServerCheck Check(ServerReport server, string against, string? origin,
        IReadOnlyList<Thumbprint> expected)
    {
        var presented = server.PresentedCertificates.ToList();
        return new ServerCheck
        {
            Server = server.Key,
            Against = against,
            Origin = origin,
            Expected = expected,
            Matching = presented.Where(c => expected.Contains(c.Certificate.Thumbprint)).ToArray(),
            Differing = presented.Where(c => !expected.Contains(c.Certificate.Thumbprint)).ToArray(),
            Current = server.Timeline.Count > 0 ? server.Timeline[^1].Certificate : null,
        };
    }
}
