using System.Globalization;
using WinRmCerts.Probing;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Commands;

/// <summary>
/// Probe results as text: one table row per endpoint that answered, then each endpoint's
/// negotiated parameters and presented chain; and watch events as one timestamped line each.
/// </summary>
public static class ProbeTable
{
    private static readonly string[] Headers =
        ["TARGET", "TLS", "THUMBPRINT", "NOT AFTER", "VALIDITY", "NAME", "TRUST", "CHECK"];

    /// <summary>Writes the table and the details of every result that has a certificate.</summary>
    public static void WriteRound(TextWriter output, IReadOnlyList<ProbeResult> results, ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);

        var answered = results.Where(result => result.Succeeded).ToList();
        if (answered.Count == 0)
        {
            return;
        }
        var rows = answered.Select(result => Row(result, settings)).ToList();
        var widths = Headers.Select((header, column) =>
            Math.Max(header.Length, rows.Max(row => row[column].Length))).ToArray();
        WriteRow(output, Headers, widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }

        foreach (var result in answered)
        {
            output.WriteLine();
            WriteDetails(output, result);
        }
    }

    /// <summary>One line: time, target, what happened, and the thumbprints involved.</summary>
    public static void WriteEvent(TextWriter output, WatchEvent watchEvent)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(watchEvent);

        var result = watchEvent.Result;
        var time = CertificateComment.FormatTime(result.At);
        var leaf = result.Leaf;
        var text = watchEvent.Kind switch
        {
            WatchEventKind.CertificateChanged =>
                $"certificate changed: old={watchEvent.Previous?.Hex} new={leaf?.Thumbprint.Hex} {Describe(result)}",
            WatchEventKind.Unreachable => $"unreachable: {result.Failure?.Reason}",
            _ => $"{watchEvent.Action}: thumbprint={leaf?.Thumbprint.Hex} {Describe(result)}",
        };
        output.WriteLine($"{time} {result.Target} {text}");
    }

    private static string Describe(ProbeResult result)
    {
        var leaf = result.Leaf;
        if (leaf is null)
        {
            return string.Empty;
        }
        var notAfter = leaf.NotAfter is { } time ? CertificateComment.FormatTime(time) : "?";
        var status = result.Validity switch
        {
            { Status: ValidityStatus.Valid } verdict => string.Create(CultureInfo.InvariantCulture,
                $"valid days_left={verdict.WholeDaysLeft}"),
            { Status: ValidityStatus.Expired } verdict => string.Create(CultureInfo.InvariantCulture,
                $"expired days_expired={verdict.WholeDaysExpired}"),
            { } verdict => verdict.Word,
            _ => "-",
        };
        return $"subject=\"{leaf.Subject}\" not_after={notAfter} status={status}";
    }

    private static string[] Row(ProbeResult result, ProbeSettings settings)
    {
        var leaf = result.Leaf!; // Rows are written for answered probes only.
        return
        [
            result.Target.ToString(),
            ProbeJson.EcsVersion(result.Protocol) ?? result.Protocol.ToString(),
            leaf.Thumbprint.Hex,
            leaf.NotAfter is { } notAfter ? CertificateComment.FormatTime(notAfter) : "-",
            Validity(result),
            result.NameMatches switch { true => "match", false => "mismatch", _ => "-" },
            result.Trust is { Trusted: true } ? "trusted" : "untrusted",
            ProbeCheck.Word(ProbeCheck.Judge(result, settings).Status),
        ];
    }

    private static string Validity(ProbeResult result) => result.Validity switch
    {
        { Status: ValidityStatus.Valid } verdict => string.Create(CultureInfo.InvariantCulture,
            $"valid ({verdict.WholeDaysLeft} d left)"),
        { Status: ValidityStatus.Expired } verdict => string.Create(CultureInfo.InvariantCulture,
            $"expired ({verdict.WholeDaysExpired} d ago)"),
        { } verdict => verdict.Word,
        _ => "-",
    };

    private static void WriteDetails(TextWriter output, ProbeResult result)
    {
        var address = result.RemoteEndPoint?.Address.ToString() ?? "?";
        var cipher = CipherSuiteNames.Name((ushort)result.CipherSuite);
        output.WriteLine($"{result.Target} ({address}): TLS {ProbeJson.EcsVersion(result.Protocol)} {cipher}");
        for (var i = 0; i < result.Chain.Count; i++)
        {
            var certificate = result.Chain[i];
            var position = string.Create(CultureInfo.InvariantCulture, $"{i + 1}/{result.Chain.Count}");
            var notAfter = certificate.NotAfter is { } time ? CertificateComment.FormatTime(time) : "?";
            output.WriteLine($"  {position} {certificate.Thumbprint.Hex} subject=\"{certificate.Subject}\"");
            output.WriteLine($"      issuer=\"{certificate.Issuer}\" not_after={notAfter}");
        }
        if (result.Trust is { } trust)
        {
            var verdict = trust.Trusted ? "trusted" : $"untrusted: {string.Join(", ", trust.Problems)}";
            output.WriteLine($"  trust against {trust.Anchor}: {verdict}");
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> cells, int[] widths)
    {
        var padded = cells.Select((cell, column) =>
            column == cells.Count - 1 ? cell : cell.PadRight(widths[column]));
        output.WriteLine(string.Join("  ", padded));
    }
}
