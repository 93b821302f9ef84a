using System.Net.Security;
using System.Security.Authentication;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using WinRmCerts.Probing;
using WinRmCerts.Report;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Commands;

/// <summary>
/// Probe results as JSON with the Elastic Common Schema names <c>report</c> uses
/// (<c>@timestamp</c>, <c>server</c>, <c>tls.version</c>, <c>tls.cipher</c>,
/// <c>tls.server.hash.sha1</c>, <c>tls.server.x509.*</c>, <c>tls.server.certificate_chain</c>,
/// <c>error.message</c>, <c>event.action</c>); verdicts ECS has no name for sit under
/// <c>winrm_certs</c>.
/// </summary>
public static class ProbeJson
{
    /// <summary>Output goes to a terminal or a log pipeline, never into HTML: base64 keeps its '+'.</summary>
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    /// <summary>Writes <c>{"probes": [...]}</c>, one object per result, indented.</summary>
    public static void WriteRound(TextWriter output, IReadOnlyList<ProbeResult> results, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);

        output.WriteLine(Render(Indented, json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("probes");
            foreach (var result in results)
            {
                WriteProbe(json, result, settings, null);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }));
    }

    /// <summary>Writes one watch event as a single line (newline-delimited JSON).</summary>
    public static void WriteEvent(TextWriter output, WatchEvent watchEvent, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(watchEvent);

        output.WriteLine(Render(Compact, json => WriteProbe(json, watchEvent.Result, settings, watchEvent)));
    }

    private static string Render(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteProbe(Utf8JsonWriter json, ProbeResult result, ProbeSettings settings,
        WatchEvent? watchEvent)
    {
        json.WriteStartObject();
        json.WriteString("@timestamp", CertificateComment.FormatTime(result.At));
        json.WriteStartObject("event");
        json.WriteString("kind", watchEvent is null ? "state" : "event");
        if (watchEvent is not null)
        {
            json.WriteString("action", watchEvent.Action);
        }
        json.WriteString("outcome", result.Succeeded ? "success" : "failure");
        json.WriteNumber("duration", result.Elapsed.Ticks * TimeSpan.NanosecondsPerTick);
        json.WriteEndObject();

        json.WriteStartObject("server");
        json.WriteString("address", result.Target.Host);
        if (result.RemoteEndPoint is { } remote)
        {
            json.WriteString("ip", remote.Address.ToString());
        }
        json.WriteNumber("port", result.Target.Port);
        if (!result.Target.IsAddress)
        {
            json.WriteString("domain", result.Target.Host);
        }
        json.WriteEndObject();

        if (result.Failure is { } failure)
        {
            json.WriteStartObject("error");
            json.WriteString("type", failure.Kind.ToString());
            json.WriteString("message", failure.Reason);
            json.WriteEndObject();
        }
        else
        {
            WriteTls(json, result);
        }

        json.WriteStartObject("winrm_certs");
        json.WriteString("target", result.Target.ToString());
        WriteVerdicts(json, result);
        var (status, reasons) = ProbeCheck.Judge(result, settings);
        json.WriteStartObject("check");
        json.WriteString("status", ProbeCheck.Word(status));
        json.WriteStartArray("reasons");
        foreach (var reason in reasons)
        {
            json.WriteStringValue(reason);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        if (watchEvent?.Previous is { } previous)
        {
            json.WriteString("previous_sha1", previous.Hex);
        }
        json.WriteStartArray("chain");
        for (var i = 0; i < result.Chain.Count; i++)
        {
            WriteCertificate(json, result.Chain[i], i);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTls(Utf8JsonWriter json, ProbeResult result)
    {
        json.WriteStartObject("tls");
        json.WriteBoolean("established", true);
        if (EcsVersion(result.Protocol) is { } version)
        {
            json.WriteString("version", version);
            json.WriteString("version_protocol", "tls");
        }
        json.WriteString("cipher", CipherSuiteNames.Name((ushort)result.CipherSuite));
        var sentName = result.ServerName != result.Target.Host || !result.Target.IsAddress;
        if (sentName && result.ServerName is { } serverName)
        {
            json.WriteStartObject("client");
            json.WriteString("server_name", serverName);
            json.WriteEndObject();
        }
        json.WriteStartObject("server");
        var leaf = result.Leaf!; // Only called for a result with a chain.
        CertificateJson.WriteHashes(json, leaf);
        if (leaf.NotAfter is { } notAfter)
        {
            json.WriteString("not_after", CertificateComment.FormatTime(notAfter));
        }
        if (leaf.NotBefore is { } notBefore)
        {
            json.WriteString("not_before", CertificateComment.FormatTime(notBefore));
        }
        if (leaf.Subject is { } subject)
        {
            json.WriteString("subject", subject);
        }
        if (leaf.Issuer is { } issuer)
        {
            json.WriteString("issuer", issuer);
        }
        json.WriteStartArray("certificate_chain");
        foreach (var certificate in result.Chain)
        {
            json.WriteStringValue(Convert.ToBase64String(certificate.Der));
        }
        json.WriteEndArray();
        json.WriteStartObject("x509");
        WriteX509(json, leaf);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteVerdicts(Utf8JsonWriter json, ProbeResult result)
    {
        if (result.Validity is { } verdict)
        {
            CertificateJson.WriteVerdict(json, "certificate_validity", verdict);
        }
        if (result.NameMatches is { } nameMatches)
        {
            json.WriteBoolean("name_matches", nameMatches);
        }
        if (result.Trust is { } trust)
        {
            json.WriteStartObject("trust");
            json.WriteBoolean("trusted", trust.Trusted);
            json.WriteString("anchor", trust.Anchor);
            json.WriteStartArray("problems");
            foreach (var problem in trust.Problems)
            {
                json.WriteStringValue(problem);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        if (result.Succeeded)
        {
            json.WriteStartArray("platform_policy_errors");
            foreach (var error in PolicyErrorNames(result.PolicyErrors))
            {
                json.WriteStringValue(error);
            }
            json.WriteEndArray();
        }
    }

    private static void WriteCertificate(Utf8JsonWriter json, CertificateRecord certificate, int position)
    {
        json.WriteStartObject();
        json.WriteNumber("chain_position", position + 1);
        CertificateJson.WriteHashes(json, certificate);
        json.WriteStartObject("x509");
        WriteX509(json, certificate);
        json.WriteEndObject();
        if (certificate.DecodeError is { } error)
        {
            json.WriteString("decode_error", error);
        }
        json.WriteEndObject();
    }

    private static void WriteX509(Utf8JsonWriter json, CertificateRecord certificate)
    {
        CertificateJson.WriteNames(json, certificate);
        if (certificate.NotBefore is { } notBefore)
        {
            json.WriteString("not_before", CertificateComment.FormatTime(notBefore));
        }
        if (certificate.SerialNumber is { } serial)
        {
            json.WriteString("serial_number", serial);
        }
        if (certificate.IsDecoded && CertificateDetails.Of(certificate) is { } details)
        {
            CertificateJson.WriteKey(json, details, withCurve: false);
        }
    }

    /// <summary>ECS <c>tls.version</c>: the number only, for example <c>1.2</c>.</summary>
    public static string? EcsVersion(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "1.3",
        SslProtocols.Tls12 => "1.2",
#pragma warning disable CS0618, SYSLIB0039 // Old versions are named to report them, not to use them.
        SslProtocols.Tls11 => "1.1",
        SslProtocols.Tls => "1.0",
#pragma warning restore CS0618, SYSLIB0039
        _ => null,
    };

    private static IEnumerable<string> PolicyErrorNames(SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            yield return "certificate-not-available";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            yield return "name-mismatch";
        }
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            yield return "chain-errors";
        }
    }
}
