using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Report;

/// <summary>
/// The few sentences at the top of a report that tell its story: which certificate each server
/// moved to and when, whether that is the configured one, and what was expired or weak.
/// </summary>
public static class ReportFindings
{
    /// <summary>One finding: true when it makes the check fail.</summary>
    /// <param name="Failed">True for a failed check (mismatch, expired, not yet valid).</param>
    /// <param name="Text">The sentence.</param>
    public readonly record struct Finding(bool Failed, string Text);

    public static IReadOnlyList<Finding> Of(ReportContents report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var findings = new List<Finding>();
        foreach (var server in report.Collector.Servers)
        {
            AddChanges(findings, server);
            AddValidity(findings, server);
            foreach (var check in report.ChecksOf(server.Key))
            {
                AddCheck(findings, report, check);
            }
        }
        foreach (var certificate in report.Collector.Certificates.Where(c => c.IsServerLeaf))
        {
            AddQuality(findings, certificate);
        }
        return findings;
    }

    private static void AddChanges(List<Finding> findings, ServerReport server)
    {
        foreach (var entry in server.Timeline.Skip(1))
        {
            findings.Add(new Finding(false,
                $"{server.Key}: {ReportText.Change(entry.Change)} to {ReportText.Label(entry.Certificate)} "
                + $"{entry.Thumbprint}, first presented {ReportText.Time(entry.FirstSeen)}"));
        }
        if (server.TimelineEntriesDropped > 0)
        {
            findings.Add(new Finding(false,
                $"{server.Key}: {ReportText.Number(server.TimelineEntriesDropped)} more certificate changes "
                + "not listed"));
        }
    }

    private static void AddValidity(List<Finding> findings, ServerReport server)
    {
        foreach (var entry in server.Timeline)
        {
            var label = $"{server.Key}: {ReportText.Label(entry.Certificate)}";
            if (entry.ExpiredStillServedSince is { } since)
            {
                findings.Add(new Finding(true,
                    $"{label} EXPIRED and still served after a valid certificate was seen, since "
                    + ReportText.Time(since)));
            }
            else if (entry.ExpiredPresentations > 0)
            {
                findings.Add(new Finding(true,
                    $"{label} was EXPIRED when presented ({ReportText.Number(entry.ExpiredPresentations)} times; "
                    + $"not after {ReportText.Date(entry.Certificate.Certificate.NotAfter)})"));
            }
            if (entry.NotYetValidPresentations > 0)
            {
                findings.Add(new Finding(true,
                    $"{label} was NOT YET VALID when presented ({ReportText.Number(entry.NotYetValidPresentations)} "
                    + $"times; not before {ReportText.Date(entry.Certificate.Certificate.NotBefore)})"));
            }
        }
    }

    private static void AddCheck(List<Finding> findings, ReportContents report, ServerCheck check)
    {
        var expected = string.Join(", ", check.Expected.Select(thumbprint => Describe(report, thumbprint)));
        var origin = check.Origin is null ? string.Empty : $" ({check.Origin})";
        if (check.NothingToCompare)
        {
            findings.Add(new Finding(false,
                $"{check.Server}: {check.Against} names {expected}{origin}; no certificate was visible to compare"));
            return;
        }
        if (check.Passed)
        {
            findings.Add(new Finding(false, $"{check.Server}: matches {check.Against} {expected}{origin}"));
            return;
        }
        var differing = string.Join(", ",
            check.Differing.Select(c => $"{ReportText.Label(c)} {c.Certificate.Thumbprint}"));
        var now = check.Current is { } current && !check.Expected.Contains(current.Certificate.Thumbprint)
            ? $"; the wire now shows {ReportText.Label(current)}"
            : string.Empty;
        findings.Add(new Finding(true,
            $"{check.Server}: MISMATCH: {check.Against} names {expected}{origin}, but the server presented "
            + differing + now));
    }

    private static void AddQuality(List<Finding> findings, ReportedCertificate certificate)
    {
        if (certificate.Details is not { } details)
        {
            findings.Add(new Finding(false, $"{ReportText.Label(certificate)} could not be decoded"));
            return;
        }
        var label = ReportText.Label(certificate);
        if (details.SignatureUsesSha1)
        {
            findings.Add(new Finding(false, $"{label} is signed with SHA-1 ({details.SignatureAlgorithm})"));
        }
        if (details.WeakRsaKey)
        {
            findings.Add(new Finding(false,
                $"{label} has a {ReportText.Number(details.KeySizeBits)}-bit RSA key (under "
                + $"{ReportText.Number(CertificateDetails.MinimumRsaKeyBits)})"));
        }
        if (details.ServerAuthentication == ServerAuthenticationUsage.NotListed)
        {
            findings.Add(new Finding(false, $"{label} lacks the Server Authentication extended key usage"));
        }
        foreach (var name in certificate.NameMatches.Where(pair => !pair.Value).Select(pair => pair.Key))
        {
            findings.Add(new Finding(false, $"{label} does not match the name {name} clients asked for"));
        }
    }

    private static string Describe(ReportContents report, Thumbprint thumbprint) =>
        report.NumberOf(thumbprint) is { } number
            ? $"[{ReportText.Number(number)}] {thumbprint}"
            : $"{thumbprint} (never seen on the wire)";
}
