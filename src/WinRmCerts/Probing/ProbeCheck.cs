using System.Globalization;
using System.Text;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Probing;

/// <summary>
/// Judges probe results the way a monitoring plugin does and writes the one status line Nagios,
/// Icinga or a scheduled task reads, for example
/// <c>WINRM-CERT CRITICAL - 127.0.0.1:5986 expired 3 days ago (thumbprint ...) | '127.0.0.1:5986'=-3;30;0</c>.
/// </summary>
public static class ProbeCheck
{
    /// <summary>The service name that starts every status line.</summary>
    public const string ServiceName = "WINRM-CERT";

    /// <summary>The state of one result, with the reasons behind it (empty when OK).</summary>
    public static (MonitoringStatus Status, IReadOnlyList<string> Reasons) Judge(ProbeResult result,
        ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(settings);

        if (result.Failure is { } failure)
        {
            var status = failure.Kind == ProbeFailureKind.NameNotResolved
                ? MonitoringStatus.Unknown
                : MonitoringStatus.Critical;
            return (status, [failure.Reason]);
        }

        var reasons = new List<string>();
        var worst = MonitoringStatus.Ok;
        if (result.Validity is { } validity)
        {
            switch (validity.Status)
            {
                case ValidityStatus.Expired:
                    reasons.Add(string.Create(CultureInfo.InvariantCulture,
                        $"expired {validity.WholeDaysExpired} days ago"));
                    worst = MonitoringStatus.Critical;
                    break;
                case ValidityStatus.NotYetValid:
                    reasons.Add("not yet valid");
                    worst = MonitoringStatus.Critical;
                    break;
                case ValidityStatus.Undecodable:
                    reasons.Add("certificate undecodable");
                    worst = MonitoringStatus.Critical;
                    break;
                case ValidityStatus.Valid when validity.WholeDaysLeft < settings.CriticalDays:
                    reasons.Add(DaysLeft(validity.WholeDaysLeft, settings.CriticalDays));
                    worst = MonitoringStatus.Critical;
                    break;
                case ValidityStatus.Valid when validity.WholeDaysLeft < settings.WarnDays:
                    reasons.Add(DaysLeft(validity.WholeDaysLeft, settings.WarnDays));
                    worst = MonitoringStatus.Warning;
                    break;
            }
        }
        if (result.NameMatches == false)
        {
            reasons.Add($"name mismatch for {result.ServerName ?? result.Target.Host}");
            worst = MonitoringStatus.Critical;
        }
        if (result.Trust is { Trusted: false } trust)
        {
            reasons.Add($"untrusted ({string.Join(", ", trust.Problems)})");
            worst = MonitoringStatus.Critical;
        }
        return (worst, reasons);
    }

    /// <summary>
    /// The worst state over all results, ranked CRITICAL, UNKNOWN, WARNING, OK, and its status line.
    /// </summary>
    public static (MonitoringStatus Status, string Line) Summarize(IReadOnlyList<ProbeResult> results,
        ProbeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(settings);

        var worst = MonitoringStatus.Ok;
        var problems = new List<string>();
        var performance = new List<string>();
        foreach (var result in results)
        {
            var (status, reasons) = Judge(result, settings);
            if (Rank(status) > Rank(worst))
            {
                worst = status;
            }
            if (reasons.Count > 0)
            {
                var thumbprint = result.Leaf is { } leaf ? $" (thumbprint {leaf.Thumbprint.Hex})" : string.Empty;
                problems.Add($"{result.Target}: {string.Join(", ", reasons)}{thumbprint}");
            }
            if (result.Validity is { Status: ValidityStatus.Valid or ValidityStatus.Expired } validity)
            {
                var days = validity.Status == ValidityStatus.Valid
                    ? validity.WholeDaysLeft
                    : -validity.WholeDaysExpired;
                performance.Add(string.Create(CultureInfo.InvariantCulture,
                    $"'{result.Target} days_left'={days};{settings.WarnDays};{settings.CriticalDays}"));
            }
        }

        var line = new StringBuilder(ServiceName).Append(' ').Append(Word(worst)).Append(" - ");
        if (problems.Count == 0)
        {
            line.Append(results.Count == 1 ? OkText(results[0]) : $"{results.Count} endpoints OK");
        }
        else
        {
            line.Append(string.Join("; ", problems));
        }
        if (performance.Count > 0)
        {
            line.Append(" | ").Append(string.Join(' ', performance));
        }
        return (worst, line.ToString());
    }

    /// <summary>OK, WARNING, CRITICAL or UNKNOWN, as status lines spell them.</summary>
    public static string Word(MonitoringStatus status) => status switch
    {
        MonitoringStatus.Ok => "OK",
        MonitoringStatus.Warning => "WARNING",
        MonitoringStatus.Critical => "CRITICAL",
        _ => "UNKNOWN",
    };

    /// <summary>CRITICAL outranks UNKNOWN, which outranks WARNING, which outranks OK.</summary>
    public static int Rank(MonitoringStatus status) => status switch
    {
        MonitoringStatus.Critical => 3,
        MonitoringStatus.Unknown => 2,
        MonitoringStatus.Warning => 1,
        _ => 0,
    };

    private static string DaysLeft(int daysLeft, int threshold) => string.Create(CultureInfo.InvariantCulture,
        $"expires in {daysLeft} days (under {threshold})");

    private static string OkText(ProbeResult result)
    {
        var leaf = result.Leaf;
        var days = result.Validity?.WholeDaysLeft ?? 0;
        return leaf is null
            ? $"{result.Target}"
            : string.Create(CultureInfo.InvariantCulture,
                $"{result.Target}: thumbprint {leaf.Thumbprint.Hex} valid, {days} days left");
    }
}
