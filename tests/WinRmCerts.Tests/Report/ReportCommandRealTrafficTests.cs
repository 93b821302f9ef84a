using System.Text.Json;
using WinRmCerts.Commands;
using WinRmExtcap.TestSupport;

namespace WinRmCerts.Tests.Report;

/// <summary>
/// <c>report</c> on captures of real TLS peers: every classification, every validity verdict,
/// certificate changes, resumption links, alerts, client certificates, and the exit code that
/// gates scripts.
/// </summary>
public sealed class ReportCommandRealTrafficTests : IClassFixture<ReportCaptures>
{
    private const string LeftToRightMark = "\u200E";

    private readonly ReportCaptures _captures;

    public ReportCommandRealTrafficTests(ReportCaptures captures) => _captures = captures;

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Renewal_ListenerStillNamesA_TimelineShowsRenewalAndCheckFails()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);
        using var folder = new WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder("winrm-report-config");
        var config = folder.PathOf("listener.txt");
        File.WriteAllText(config, $"Listener\r\n    Address = *\r\n    Transport = HTTPS\r\n    Port = 5986\r\n"
            + $"    CertificateThumbprint = {capture.ServerThumbprints[0]}\r\n");

        var run = ReportRun.Json(capture.Path, request => request with { ListenerConfigurations = [config] });

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        Assert.Equal(["first", "renewal"], run.Changes);
        var check = Assert.Single(run.Server.GetProperty("checks").EnumerateArray().ToList());
        Assert.Equal("mismatch", check.GetProperty("result").GetString());
        Assert.Equal(capture.ServerThumbprints[1], check.GetProperty("current").GetString());
        Assert.Equal([capture.ServerThumbprints[1]],
            check.GetProperty("differing").EnumerateArray().Select(e => e.GetString()));
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Renewal_Table_TellsTheStoryAtTheTop()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);
        using var folder = new WinRmExtcap.TestSupport.RealTraffic.TemporaryFolder("winrm-report-config");
        var config = folder.PathOf("listener.txt");
        File.WriteAllText(config, $"Listener\n    Address = *\n    Transport = HTTPS\n    Port = 5986\n"
            + $"    CertificateThumbprint = {capture.ServerThumbprints[0]}\n");

        var run = ReportRun.Of(new ReportRequest { Captures = [capture.Path], ListenerConfigurations = [config] });

        var lines = run.Out.Split('\n');
        Assert.Equal("RESULT: CHECK FAILED (exit code 2)", lines[2]);
        Assert.Contains("renewal to [", run.Out, StringComparison.Ordinal);
        Assert.Contains("MISMATCH: WinRM HTTPS listener *:5986 names [1]", run.Out, StringComparison.Ordinal);
        Assert.All(lines.Where(line => !line.Contains("subject", StringComparison.Ordinal)
                && !line.Contains("issuer", StringComparison.Ordinal)),
            line => Assert.True(line.Length <= 100, $"{line.Length} columns: {line}"));
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Renewal_ExpectBothPastedWithColonsLowerCaseAndMark_Succeeds()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);
        var pasted = capture.ServerThumbprints
            .Select(t => LeftToRightMark + string.Join(':', t.Chunk(2).Select(p => new string(p))).ToLowerInvariant())
            .ToArray();

        var run = ReportRun.Json(capture.Path, request => request with { Expected = pasted });

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Equal("match", run.Server.GetProperty("checks")[0].GetProperty("result").GetString());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Renewal_ExpectOnlyTheOld_FailsTheCheck()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);

        var run = ReportRun.Json(capture.Path, request => request with { Expected = [capture.ServerThumbprints[0]] });

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        Assert.True(run.Root.GetProperty("summary").GetProperty("thumbprint_mismatch").GetBoolean());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Renewal_Csv_OneRowPerConnectionWithCheckColumn()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);

        var run = ReportRun.Of(new ReportRequest
        {
            Captures = [capture.Path],
            Csv = true,
            Expected = [capture.ServerThumbprints[1]],
        });

        var rows = run.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        Assert.Equal(5, rows.Length);
        var check = Array.IndexOf(header, "config_check");
        var sha1 = Array.IndexOf(header, "server_sha1");
        Assert.All(rows.Skip(1).Select(Fields), fields => Assert.Equal(
            fields[sha1] == capture.ServerThumbprints[1] ? "match" : "mismatch", fields[check]));
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Rollback_TimelineShowsFirstRenewalRollback()
    {
        var capture = await _captures.GetAsync(ReportCase.Rollback);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(ExitCode.Success, run.Code);
        Assert.Equal(["first", "renewal", "rollback"], run.Changes);
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Expired_VerdictAtCaptureTime_IsExpiredAndCheckFails()
    {
        var capture = await _captures.GetAsync(ReportCase.Expired);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        var connection = Assert.Single(run.Connections);
        Assert.Equal("certificate-seen", ReportRun.Classification(connection));
        var validity = connection.GetProperty("winrm_certs").GetProperty("certificate_validity");
        Assert.Equal("expired", validity.GetProperty("status").GetString());
        Assert.InRange(validity.GetProperty("days_expired").GetInt32(), 34, 36);
        Assert.True(run.Root.GetProperty("summary").GetProperty("invalid_certificate_presented").GetBoolean());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task NotYetValid_VerdictAtCaptureTime_IsNotYetValidAndCheckFails()
    {
        var capture = await _captures.GetAsync(ReportCase.NotYetValid);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(ExitCode.CheckFailed, run.Code);
        var validity = Assert.Single(run.Connections).GetProperty("winrm_certs").GetProperty("certificate_validity");
        Assert.Equal("not-yet-valid", validity.GetProperty("status").GetString());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Valid_VerdictCarriesDaysLeftAndNameMatch()
    {
        var capture = await _captures.GetAsync(ReportCase.ClientCertificate);

        var run = ReportRun.Json(capture.Path);

        var details = Assert.Single(run.Connections).GetProperty("winrm_certs");
        Assert.Equal("valid", details.GetProperty("certificate_validity").GetProperty("status").GetString());
        Assert.InRange(details.GetProperty("certificate_validity").GetProperty("days_left").GetInt32(), 333, 335);
        Assert.True(details.GetProperty("name_matches").GetBoolean());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Tls13_ClassifiedAsCertificateEncrypted()
    {
        var capture = await _captures.GetAsync(ReportCase.Tls13);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(ExitCode.Success, run.Code);
        var connection = Assert.Single(run.Connections);
        Assert.Equal("tls13-certificate-encrypted", ReportRun.Classification(connection));
        Assert.Equal("1.3", connection.GetProperty("tls").GetProperty("version").GetString());
        Assert.StartsWith("t13d", connection.GetProperty("winrm_certs").GetProperty("ja4").GetString(),
            StringComparison.Ordinal);
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task Resumption_SecondConnectionLinkedToTheFirst()
    {
        var capture = await _captures.GetAsync(ReportCase.Resumption);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(2, run.Connections.Count);
        Assert.Equal("certificate-seen", ReportRun.Classification(run.Connections[0]));
        var resumed = run.Connections[1];
        Assert.Equal("resumed-no-certificate", ReportRun.Classification(resumed));
        Assert.True(resumed.GetProperty("tls").GetProperty("resumed").GetBoolean());
        var details = resumed.GetProperty("winrm_certs");
        Assert.NotEqual("none", details.GetProperty("resumption").GetString());
        Assert.Equal(0, details.GetProperty("resumed_from").GetProperty("connection_id").GetInt64());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task UntrustedAuthority_ClientAbortsWithUnknownCaAlert()
    {
        var capture = await _captures.GetAsync(ReportCase.UntrustedAuthority);

        var run = ReportRun.Json(capture.Path);

        var connection = Assert.Single(run.Connections);
        Assert.Equal("certificate-seen", ReportRun.Classification(connection));
        var alert = Assert.Single(
            connection.GetProperty("winrm_certs").GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(("client", "fatal", "unknown_ca"), (alert.GetProperty("sender").GetString(),
            alert.GetProperty("level").GetString(), alert.GetProperty("description").GetString()));
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task ProtocolMismatch_HandshakeFailedWithServerAlert()
    {
        var capture = await _captures.GetAsync(ReportCase.ProtocolMismatch);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal(ExitCode.Success, run.Code);
        var connection = Assert.Single(run.Connections);
        Assert.Equal("handshake-failed", ReportRun.Classification(connection));
        var alert = Assert.Single(
            connection.GetProperty("winrm_certs").GetProperty("alerts").EnumerateArray().ToList());
        Assert.Equal(("server", "protocol_version"),
            (alert.GetProperty("sender").GetString(), alert.GetProperty("description").GetString()));
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task SnapLength_CertificateLostToTheCapture()
    {
        var capture = await _captures.GetAsync(ReportCase.SnapLengthCutsCertificate);

        var run = ReportRun.Json(capture.Path);

        Assert.Equal("certificate-lost-to-capture", ReportRun.Classification(Assert.Single(run.Connections)));
        Assert.Empty(run.Root.GetProperty("certificates").EnumerateArray());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task ClientCertificate_ReportedAsClientNotInTheServerTimeline()
    {
        var capture = await _captures.GetAsync(ReportCase.ClientCertificate);

        var run = ReportRun.Json(capture.Path);

        var connection = Assert.Single(run.Connections);
        Assert.Equal(capture.ClientThumbprint,
            connection.GetProperty("tls").GetProperty("client").GetProperty("hash").GetProperty("sha1").GetString());
        var client = run.Root.GetProperty("certificates").EnumerateArray()
            .Single(c => c.GetProperty("hash").GetProperty("sha1").GetString() == capture.ClientThumbprint);
        Assert.Equal("client", client.GetProperty("role").GetString());
        var timeline = Assert.Single(run.Server.GetProperty("timeline").EnumerateArray().ToList());
        Assert.Equal(capture.ServerThumbprints[0],
            timeline.GetProperty("tls").GetProperty("server").GetProperty("hash").GetProperty("sha1").GetString());
    }

    [RequiresFact("openssl", "tcpdump", "root")]
    public async Task EveryCapture_ConnectionsCarryEcsFieldsAndFingerprints()
    {
        var capture = await _captures.GetAsync(ReportCase.Renewal);

        var run = ReportRun.Json(capture.Path);

        Assert.All(run.Connections, connection =>
        {
            Assert.Equal(5986, connection.GetProperty("server").GetProperty("port").GetInt32());
            Assert.Equal("winrm01.contoso.test",
                connection.GetProperty("tls").GetProperty("client").GetProperty("server_name").GetString());
            var tls = connection.GetProperty("tls");
            Assert.Equal(32, tls.GetProperty("client").GetProperty("ja3").GetString()?.Length);
            Assert.Equal(32, tls.GetProperty("server").GetProperty("ja3s").GetString()?.Length);
            Assert.StartsWith("TLS_", connection.GetProperty("tls").GetProperty("cipher").GetString(),
                StringComparison.Ordinal);
            Assert.Equal("1.2", connection.GetProperty("tls").GetProperty("version").GetString());
        });
    }

    private static string[] Fields(string csvRow) =>
        System.Text.RegularExpressions.Regex.Matches(csvRow, "(?<=^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)")
            .Select(m => m.Value.Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal))
            .ToArray();
}
