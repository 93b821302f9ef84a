using System.Text;
using System.Text.Json;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmCerts.Report;

/// <summary>
/// The report as JSON with Elastic Common Schema names where ECS has one (<c>@timestamp</c>,
/// <c>client</c>, <c>server</c>, <c>tls.version</c>, <c>tls.cipher</c>, <c>tls.client.ja3</c>,
/// <c>tls.server.ja3s</c>, <c>tls.server.hash.sha1</c>, <c>tls.server.x509.*</c>); what ECS lacks
/// (classification, JA4, resumption link, timeline change) sits under <c>winrm_certs</c>.
/// </summary>
public static class ReportJsonWriter
{
    public static void Write(TextWriter output, ReportContents report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            WriteSummary(json, report);
            json.WriteStartArray("servers");
            foreach (var server in report.Collector.Servers)
            {
                WriteServer(json, report, server);
            }
            json.WriteEndArray();
            json.WriteStartArray("certificates");
            foreach (var certificate in report.Collector.Certificates)
            {
                WriteCertificate(json, certificate);
            }
            json.WriteEndArray();
            json.WriteStartArray("connections");
            foreach (var row in report.Collector.Servers.SelectMany(server => server.Connections))
            {
                WriteConnection(json, report, row);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteSummary(Utf8JsonWriter json, ReportContents report)
    {
        var collector = report.Collector;
        json.WriteStartArray("captures");
        foreach (var capture in collector.Captures)
        {
            json.WriteStringValue(capture);
        }
        json.WriteEndArray();
        json.WriteStartArray("input_problems");
        foreach (var problem in report.InputProblems)
        {
            json.WriteStartObject();
            json.WriteString("capture", problem.Capture);
            json.WriteString("kind", problem.Code == ExitCode.InputError ? "unreadable" : "damaged");
            json.WriteString("reason", problem.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("summary");
        json.WriteBoolean("complete", report.InputProblems.Count == 0);
        json.WriteNumber("connections", collector.ConnectionCount);
        json.WriteNumber("servers", collector.Servers.Count);
        json.WriteNumber("certificates", collector.Certificates.Count);
        json.WriteBoolean("checks_failed", report.ChecksFailed);
        json.WriteBoolean("thumbprint_mismatch", report.ThumbprintMismatch);
        json.WriteBoolean("invalid_certificate_presented", report.InvalidCertificatePresented);
        json.WriteStartArray("findings");
        foreach (var finding in ReportFindings.Of(report))
        {
            json.WriteStartObject();
            json.WriteBoolean("failed", finding.Failed);
            json.WriteString("message", finding.Text);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("configuration_warnings");
        foreach (var warning in report.Configuration.Warnings)
        {
            json.WriteStringValue(warning);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteServer(Utf8JsonWriter json, ReportContents report, ServerReport server)
    {
        json.WriteStartObject();
        WriteEndpoint(json, "server", server.Key.Endpoint, server.Key.ServerName);
        json.WriteString("first_seen", ReportText.Time(server.FirstSeen));
        json.WriteString("last_seen", ReportText.Time(server.LastSeen));
        json.WriteStartObject("connections");
        json.WriteNumber("total", server.ConnectionCount);
        json.WriteNumber("listed", server.Connections.Count);
        json.WriteNumber("not_listed", server.ConnectionsDropped);
        foreach (var outcome in Enum.GetValues<ConnectionOutcome>())
        {
            json.WriteNumber(ReportText.Classification(outcome), server.CountOf(outcome));
        }
        json.WriteEndObject();

        json.WriteStartArray("timeline");
        foreach (var entry in server.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("change", ReportText.Change(entry.Change));
            json.WriteNumber("certificate", entry.Certificate.Number);
            json.WriteString("first_seen", ReportText.Time(entry.FirstSeen));
            json.WriteString("last_seen", ReportText.Time(entry.LastSeen));
            json.WriteNumber("presentations", entry.Presentations);
            json.WriteNumber("expired_presentations", entry.ExpiredPresentations);
            json.WriteNumber("not_yet_valid_presentations", entry.NotYetValidPresentations);
            if (entry.ExpiredStillServedSince is { } since)
            {
                json.WriteString("expired_still_served_since", ReportText.Time(since));
            }
            json.WriteString("capture", entry.Capture);
            json.WriteNumber("connection_id", entry.FirstConnectionId);
            json.WriteNumber("frame", entry.FirstFrame);
            json.WriteStartObject("tls");
            json.WriteStartObject("server");
            CertificateJson.WriteHashes(json, entry.Certificate.Certificate);
            json.WriteStartObject("x509");
            CertificateJson.WriteNames(json, entry.Certificate.Certificate);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("timeline_entries_not_listed", server.TimelineEntriesDropped);

        json.WriteStartArray("checks");
        foreach (var check in report.ChecksOf(server.Key))
        {
            json.WriteStartObject();
            json.WriteString("against", check.Against);
            if (check.Origin is not null)
            {
                json.WriteString("origin", check.Origin);
            }
            json.WriteString("result", check.NothingToCompare ? "unknown" : check.Passed ? "match" : "mismatch");
            WriteThumbprints(json, "expected", check.Expected);
            WriteThumbprints(json, "matching", check.Matching.Select(c => c.Certificate.Thumbprint));
            WriteThumbprints(json, "differing", check.Differing.Select(c => c.Certificate.Thumbprint));
            if (check.Current is { } current)
            {
                json.WriteString("current", current.Certificate.Thumbprint.Hex);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCertificate(Utf8JsonWriter json, ReportedCertificate reported)
    {
        var certificate = reported.Certificate;
        json.WriteStartObject();
        json.WriteNumber("number", reported.Number);
        json.WriteString("role", reported.Role == CertificateRole.Client ? "client" : "server");
        json.WriteNumber("chain_position", reported.ChainPosition + 1);
        CertificateJson.WriteHashes(json, certificate);
        json.WriteStartObject("x509");
        CertificateJson.WriteNames(json, certificate);
        if (certificate.SerialNumber is { } serial)
        {
            json.WriteString("serial_number", serial);
        }
        if (certificate.NotBefore is { } notBefore)
        {
            json.WriteString("not_before", ReportText.Time(notBefore));
        }
        if (reported.Details is { } details)
        {
            CertificateJson.WriteKey(json, details, withCurve: true);
        }
        json.WriteEndObject();

        json.WriteStartObject("winrm_certs");
        json.WriteBoolean("server_leaf", reported.IsServerLeaf);
        if (reported.Details is { } flags)
        {
            json.WriteString("server_authentication_eku", flags.ServerAuthentication switch
            {
                ServerAuthenticationUsage.Listed => "listed",
                ServerAuthenticationUsage.NotListed => "not-listed",
                _ => "any-purpose",
            });
            if (flags.IsSelfSigned is { } selfSigned)
            {
                json.WriteBoolean("self_signed", selfSigned);
            }
            json.WriteBoolean("certificate_authority", flags.IsCertificateAuthority);
            json.WriteBoolean("sha1_signature", flags.SignatureUsesSha1);
            json.WriteBoolean("weak_rsa_key", flags.WeakRsaKey);
        }
        if (certificate.DecodeError is { } error)
        {
            json.WriteString("decode_error", error);
        }
        json.WriteNumber("times_seen", reported.TimesSeen);
        json.WriteString("first_seen", ReportText.Time(reported.FirstSeen));
        json.WriteString("last_seen", ReportText.Time(reported.LastSeen));
        CertificateJson.WriteVerdict(json, "validity_first_seen", reported.FirstVerdict);
        CertificateJson.WriteVerdict(json, "validity_last_seen", reported.LastVerdict);
        json.WriteStartObject("name_matches");
        foreach (var (name, matches) in reported.NameMatches)
        {
            json.WriteBoolean(name, matches);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteConnection(Utf8JsonWriter json, ReportContents report, ConnectionRow row)
    {
        json.WriteStartObject();
        json.WriteString("@timestamp", ReportText.Time(row.FirstSeen));
        WriteEndpoint(json, "client", row.Client, null);
        WriteEndpoint(json, "server", row.Server, row.ServerName);
        json.WriteStartObject("network");
        json.WriteString("transport", "tcp");
        if (row.Alpn is not null)
        {
            json.WriteString("protocol", row.Alpn);
        }
        json.WriteEndObject();

        json.WriteStartObject("tls");
        if (row.NegotiatedVersion is { } version)
        {
            json.WriteString("version", ReportText.EcsVersion(version));
            json.WriteString("version_protocol", ReportText.EcsVersionProtocol(version));
        }
        if (row.CipherSuite is { } suite)
        {
            json.WriteString("cipher", CipherSuiteNames.Name(suite));
        }
        if (row.Alpn is not null)
        {
            json.WriteString("next_protocol", row.Alpn);
        }
        json.WriteBoolean("resumed", row.Resumption != ResumptionKind.None);
        json.WriteStartObject("client");
        if (row.ServerName is not null)
        {
            json.WriteString("server_name", row.ServerName);
        }
        if (row.Ja3 is not null)
        {
            json.WriteString("ja3", row.Ja3);
        }
        if (row.ClientCertificate is { } clientCertificate)
        {
            json.WriteStartObject("hash");
            json.WriteString("sha1", clientCertificate.Hex);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("server");
        if (row.Ja3S is not null)
        {
            json.WriteString("ja3s", row.Ja3S);
        }
        if (row.ServerCertificate is { } thumbprint
            && report.Collector.Find(thumbprint) is { } leaf)
        {
            CertificateJson.WriteHashes(json, leaf.Certificate);
            json.WriteStartObject("x509");
            CertificateJson.WriteNames(json, leaf.Certificate);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartObject("winrm_certs");
        json.WriteString("capture", row.Capture);
        json.WriteNumber("connection_id", row.Id);
        json.WriteNumber("first_frame", row.FirstFrame);
        json.WriteString("classification", ReportText.Classification(row.Outcome));
        if (row.DecryptionProblem is { } problem)
        {
            json.WriteString("decryption_problem", problem);
        }
        if (row.OfferedVersion is { } offered)
        {
            json.WriteString("offered_version", ReportText.EcsVersion(offered));
        }
        if (row.Ja4 is not null)
        {
            json.WriteString("ja4", row.Ja4);
        }
        json.WriteString("resumption", ReportText.Resumption(row.Resumption));
        if (row.ResumedFrom is { } original)
        {
            json.WriteStartObject("resumed_from");
            json.WriteString("capture", original.Capture);
            json.WriteNumber("connection_id", original.Id);
            json.WriteNumber("frame", original.Frame);
            json.WriteEndObject();
        }
        json.WriteStartArray("alerts");
        foreach (var alert in row.Alerts)
        {
            json.WriteStartObject();
            json.WriteString("sender", alert.FromServer ? "server" : "client");
            json.WriteString("level", alert.IsFatal ? "fatal" : "warning");
            json.WriteString("description", TlsAlertNames.Name(alert.Description));
            json.WriteNumber("frame", alert.FrameNumber);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("end", ReportText.End(row.End));
        if (row.EndFrame is { } endFrame)
        {
            json.WriteNumber("end_frame", endFrame);
        }
        if (row.ServerCertificateVerdict is { } verdict)
        {
            CertificateJson.WriteVerdict(json, "certificate_validity", verdict);
        }
        if (row.NameMatches is { } nameMatches)
        {
            json.WriteBoolean("name_matches", nameMatches);
        }
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter json, string name, NetworkEndpoint endpoint, string? domain)
    {
        json.WriteStartObject(name);
        json.WriteString("ip", endpoint.Address.ToString());
        json.WriteNumber("port", endpoint.Port);
        if (domain is not null)
        {
            json.WriteString("domain", domain);
        }
        json.WriteEndObject();
    }

    private static void WriteThumbprints(Utf8JsonWriter json, string name, IEnumerable<Thumbprint> thumbprints)
    {
        json.WriteStartArray(name);
        foreach (var thumbprint in thumbprints)
        {
            json.WriteStringValue(thumbprint.Hex);
        }
        json.WriteEndArray();
    }
}
