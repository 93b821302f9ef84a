using System.Globalization;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Report;

/// <summary>
/// The report as CSV (RFC 4180): one row per TLS connection kept, with its server certificate
/// and the outcome of the configuration checks for its server, so a spreadsheet can filter it.
/// </summary>
public static class ReportCsvWriter
{
    private static readonly string[] Columns =
    [
        "capture", "connection_id", "timestamp", "client_ip", "client_port", "server_ip", "server_port",
        "server_name", "offered_version", "version", "cipher", "alpn", "resumption", "resumed_from",
        "alerts", "end", "classification", "ja3", "ja3s", "ja4", "server_sha1", "server_sha256",
        "server_subject", "server_issuer", "server_not_after", "validity", "days_left", "name_matches",
        "client_sha1", "config_check",
    ];

    public static void Write(TextWriter output, ReportContents report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        output.Write(string.Join(',', Columns) + "\r\n");
        foreach (var server in report.Collector.Servers)
        {
            var checks = report.ChecksOf(server.Key).ToList();
            foreach (var row in server.Connections)
            {
                output.Write(string.Join(',', Fields(report, row, checks).Select(Quote)) + "\r\n");
            }
        }
    }

    private static IEnumerable<string> Fields(ReportContents report, ConnectionRow row, List<ServerCheck> checks)
    {
        var leaf = row.ServerCertificate is { } thumbprint ? report.Collector.Find(thumbprint) : null;
        var verdict = row.ServerCertificateVerdict;
        return
        [
            row.Capture,
            ReportText.Number(row.Id),
            ReportText.Time(row.FirstSeen),
            row.Client.Address.ToString(),
            row.Client.Port.ToString(CultureInfo.InvariantCulture),
            row.Server.Address.ToString(),
            row.Server.Port.ToString(CultureInfo.InvariantCulture),
            row.ServerName ?? string.Empty,
            ReportText.Version(row.OfferedVersion),
            ReportText.Version(row.NegotiatedVersion),
            ReportText.CipherSuite(row.CipherSuite),
            row.Alpn ?? string.Empty,
            ReportText.Resumption(row.Resumption),
            row.ResumedFrom is { } original ? ReportText.Number(original.Id) : string.Empty,
            string.Join("; ", row.Alerts.Select(ReportText.Alert)),
            ReportText.End(row.End),
            ReportText.Classification(row.Outcome),
            row.Ja3 ?? string.Empty,
            row.Ja3S ?? string.Empty,
            row.Ja4 ?? string.Empty,
            leaf?.Certificate.Thumbprint.Hex ?? string.Empty,
            leaf?.Certificate.Sha256 ?? string.Empty,
            leaf?.Certificate.Subject ?? string.Empty,
            leaf?.Certificate.Issuer ?? string.Empty,
            leaf?.Certificate.NotAfter is { } notAfter ? ReportText.Time(notAfter) : string.Empty,
            verdict?.Word ?? string.Empty,
            verdict is { Status: WinRmExtcap.Dissection.Certificates.ValidityStatus.Valid } valid
                ? ReportText.Number(valid.WholeDaysLeft) : string.Empty,
            row.NameMatches is { } matches ? (matches ? "yes" : "no") : string.Empty,
            row.ClientCertificate?.Hex ?? string.Empty,
            ConfigCheck(leaf, checks),
        ];
    }

    private static string ConfigCheck(ReportedCertificate? leaf, List<ServerCheck> checks)
    {
        if (leaf is null || checks.Count == 0)
        {
            return string.Empty;
        }
        return checks.All(check => check.Expected.Contains(leaf.Certificate.Thumbprint)) ? "match" : "mismatch";
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0
            ? field
            : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
