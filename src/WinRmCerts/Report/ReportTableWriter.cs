using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmCerts.Report;

/// <summary>
/// The human report: findings first, then per server its certificate timeline, its checks and
/// its first connections, then every certificate in detail. Lines stay within 100 columns except
/// where a distinguished name is longer.
/// </summary>
public static class ReportTableWriter
{
    /// <summary>Connections listed per server in the table; JSON and CSV list every one kept.</summary>
    public const int ConnectionsShownPerServer = 20;

    /// <summary>Width that sentences are wrapped to.</summary>
    public const int Width = 100;

    public static void Write(TextWriter output, ReportContents report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var collector = report.Collector;

        output.WriteLine(
            $"winrm-certs report: {Count(collector.Captures.Count, "capture")}, "
            + $"{Count(collector.ConnectionCount, "TLS connection")}, {Count(collector.Servers.Count, "server")}, "
            + $"{Count(collector.Certificates.Count, "certificate")}");
        WriteFindings(output, report);
        foreach (var server in collector.Servers)
        {
            WriteServer(output, report, server);
        }
        WriteCertificates(output, collector.Certificates);
        foreach (var warning in report.Configuration.Warnings)
        {
            output.WriteLine($"configuration warning: {warning}");
        }
    }

    private static void WriteFindings(TextWriter output, ReportContents report)
    {
        output.WriteLine();
        output.WriteLine(report.ChecksFailed
            ? "RESULT: CHECK FAILED (exit code 2)"
            : "RESULT: ok, no check failed");
        foreach (var finding in ReportFindings.Of(report))
        {
            WriteWrapped(output, $"  {(finding.Failed ? "!" : "-")} ", finding.Text);
        }
    }

    private static void WriteServer(TextWriter output, ReportContents report, ServerReport server)
    {
        output.WriteLine();
        var sniText = server.Key.ServerName is { } sni ? $"  SNI {sni}" : "  (no SNI)";
        output.WriteLine($"SERVER {server.Key.Endpoint}{sniText}");
        var outcomes = Enum.GetValues<ConnectionOutcome>()
            .Where(outcome => server.CountOf(outcome) > 0)
            .Select(outcome =>
                $"{ReportText.ClassificationPhrase(outcome)} ({ReportText.Number(server.CountOf(outcome))})");
        output.WriteLine(
            $"  {Count(server.ConnectionCount, "connection")} from {ReportText.TableTime(server.FirstSeen)} "
            + $"to {ReportText.TableTime(server.LastSeen)} UTC: {string.Join("; ", outcomes)}");

        if (server.Timeline.Count > 0)
        {
            output.WriteLine("  certificates presented (UTC)");
            output.WriteLine("    first seen           last seen            times  cert  change       validity then");
            foreach (var entry in server.Timeline)
            {
                var validity = entry.ExpiredPresentations > 0 ? "EXPIRED"
                    : entry.NotYetValidPresentations > 0 ? "NOT YET VALID" : "valid";
                output.WriteLine(
                    $"    {ReportText.TableTime(entry.FirstSeen)}  {ReportText.TableTime(entry.LastSeen)}  "
                    + $"{ReportText.Number(entry.Presentations),5}  {ReportText.Label(entry.Certificate),-4}  "
                    + $"{ReportText.Change(entry.Change),-11}  {validity}");
            }
        }

        foreach (var check in report.ChecksOf(server.Key))
        {
            var word = check.NothingToCompare ? "UNKNOWN" : check.Passed ? "match" : "MISMATCH";
            var expected = string.Join(", ", check.Expected.Select(t => report.NumberOf(t) is { } n
                ? $"[{ReportText.Number(n)}]" : $"{t} (not seen)"));
            WriteWrapped(output, "  ", $"config {word}: {check.Against} names {expected}"
                + (check.Current is { } current ? $"; the wire shows {ReportText.Label(current)} last" : string.Empty));
        }

        WriteConnections(output, report, server);
    }

    private static void WriteConnections(TextWriter output, ReportContents report, ServerReport server)
    {
        var shown = server.Connections.OrderBy(row => row.FirstSeen).Take(ConnectionsShownPerServer).ToList();
        output.WriteLine("  connections (UTC)");
        output.WriteLine("    #      time          client                                  result");
        foreach (var row in shown)
        {
            output.WriteLine($"    {ReportText.Number(row.Id),-6} {ReportText.ClockTime(row.FirstSeen)}  "
                + $"{row.Client,-39} {Result(report, row)}");
            WriteWrapped(output, "           ", Details(row));
            if (row.Ja4 is not null || row.Ja3 is not null)
            {
                output.WriteLine($"           ja4 {row.Ja4 ?? "-"}  ja3 {row.Ja3 ?? "-"}");
            }
        }
        var notShown = server.ConnectionCount - shown.Count;
        if (notShown > 0)
        {
            output.WriteLine($"    ... {Count(notShown, "more connection")} (all kept ones are in --json and --csv)");
        }
    }

    private static string Result(ReportContents report, ConnectionRow row)
    {
        var phrase = ReportText.ClassificationPhrase(row.Outcome);
        if (row.DecryptionProblem is not null && row.ServerCertificate is null)
        {
            return phrase + " (key log does not fit)";
        }
        if (row.ServerCertificate is not { } thumbprint || row.ServerCertificateVerdict is not { } verdict
            || report.Collector.Find(thumbprint) is not { } certificate)
        {
            return phrase;
        }
        var name = row.NameMatches == false ? ", NAME MISMATCH" : string.Empty;
        return $"{ReportText.Label(certificate)} {ReportText.Verdict(verdict, certificate.Certificate)}{name}";
    }

    private static string Details(ConnectionRow row)
    {
        var parts = new List<string>();
        if (row.NegotiatedVersion is not null || row.OfferedVersion is not null)
        {
            var version = row.NegotiatedVersion is null ? "no ServerHello" : ReportText.Version(row.NegotiatedVersion);
            var offered = row.OfferedVersion is { } o && o != row.NegotiatedVersion
                ? $" (offered {ReportText.Version(o)})" : string.Empty;
            parts.Add(version + offered);
        }
        if (row.CipherSuite is not null)
        {
            parts.Add(ReportText.CipherSuite(row.CipherSuite));
        }
        if (row.Alpn is not null)
        {
            parts.Add($"alpn {row.Alpn}");
        }
        if (row.Resumption != ResumptionKind.None)
        {
            var from = row.ResumedFrom is { } original ? $" of #{ReportText.Number(original.Id)}" : string.Empty;
            parts.Add($"resumed by {ReportText.Resumption(row.Resumption)}{from}");
        }
        if (row.ClientCertificate is not null)
        {
            parts.Add("client certificate sent");
        }
        parts.AddRange(row.Alerts.Select(alert => "alert " + ReportText.Alert(alert)));
        parts.Add(ReportText.End(row.End));
        return string.Join("  ", parts);
    }

    private static void WriteCertificates(TextWriter output, IReadOnlyList<ReportedCertificate> certificates)
    {
        output.WriteLine();
        output.WriteLine("CERTIFICATES");
        foreach (var reported in certificates)
        {
            var certificate = reported.Certificate;
            var role = reported.Role == CertificateRole.Client ? "client certificate"
                : reported.IsServerLeaf ? "server certificate" : $"server chain, position {reported.ChainPosition + 1}";
            output.WriteLine($"  {ReportText.Label(reported),-4} {certificate.Thumbprint}  {role}");
            Field(output, "sha256", certificate.Sha256);
            Field(output, "subject", certificate.Subject ?? "(undecodable)");
            Field(output, "issuer", certificate.Issuer ?? "(undecodable)");
            Field(output, "serial", certificate.SerialNumber ?? "?");
            Field(output, "validity",
                $"{ReportText.Date(certificate.NotBefore)} to {ReportText.Date(certificate.NotAfter)}"
                + $" (not after {(certificate.NotAfter is { } end ? ReportText.Time(end) : "?")})");
            if (reported.Details is { } details)
            {
                WriteDetails(output, details);
            }
            if (certificate.DecodeError is { } error)
            {
                Field(output, "error", error);
            }
            Field(output, "seen", $"{Count(reported.TimesSeen, "time")}, {ReportText.TableTime(reported.FirstSeen)} to "
                + $"{ReportText.TableTime(reported.LastSeen)} UTC");
            Field(output, "then", $"{ReportText.Verdict(reported.FirstVerdict, certificate)} when first seen; "
                + $"{ReportText.Verdict(reported.LastVerdict, certificate)} when last seen");
            foreach (var (name, matches) in reported.NameMatches)
            {
                Field(output, "name", $"{name} {(matches ? "matches" : "DOES NOT MATCH")}");
            }
        }
    }

    private static void WriteDetails(TextWriter output, CertificateDetails details)
    {
        var names = details.DnsNames.Select(n => "DNS:" + n)
            .Concat(details.IpAddresses.Select(a => "IP:" + a))
            .ToList();
        Field(output, "names", names.Count == 0 ? "(no subject alternative names)" : string.Join(", ", names));
        var size = details.KeySizeBits > 0 ? $" {ReportText.Number(details.KeySizeBits)} bits" : string.Empty;
        var curve = details.Curve is null ? string.Empty : $" {details.Curve}";
        var flags = (details.WeakRsaKey ? "  WEAK KEY" : string.Empty)
            + (details.SignatureUsesSha1 ? "  SHA-1" : string.Empty);
        Field(output, "key", $"{details.KeyAlgorithm}{size}{curve}, signed {details.SignatureAlgorithm}{flags}");
        var usage = details.ServerAuthentication switch
        {
            ServerAuthenticationUsage.Listed => "Server Authentication",
            ServerAuthenticationUsage.NotListed => "NO Server Authentication",
            _ => "any purpose (no EKU extension)",
        };
        var selfSigned = details.IsSelfSigned switch
        {
            true => "self-signed",
            false => "issued by another key",
            _ => "self-signature not checked",
        };
        var authority = details.IsCertificateAuthority ? "; certificate authority" : string.Empty;
        Field(output, "usage", $"{usage}; {selfSigned}{authority}");
    }

    /// <summary>
    /// Writes <paramref name="text"/> after <paramref name="prefix"/>, wrapped at spaces to <see
    /// cref="Width"/>.
    /// </summary>
    private static void WriteWrapped(TextWriter output, string prefix, string text)
    {
        var indent = new string(' ', prefix.Length + (prefix.Trim().Length > 0 ? 2 : 0));
        var line = new System.Text.StringBuilder(prefix);
        var lineHasWord = false;
        foreach (var word in text.Split(' '))
        {
            if (lineHasWord && line.Length + 1 + word.Length > Width)
            {
                output.WriteLine(line.ToString());
                line.Clear().Append(indent);
                lineHasWord = false;
            }
            line.Append(lineHasWord ? " " : string.Empty).Append(word);
            lineHasWord = true;
        }
        output.WriteLine(line.ToString());
    }

    private static void Field(TextWriter output, string name, string value) =>
        output.WriteLine($"       {name,-9} {value}");

    private static string Count(long count, string noun) =>
        $"{ReportText.Number(count)} {noun}{(count == 1 ? string.Empty : "s")}";
}
