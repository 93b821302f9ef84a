using System.Globalization;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls;

namespace WinRmCerts.Report;

/// <summary>The words and formats every report output shares, so the table, JSON and CSV agree.</summary>
public static class ReportText
{
    /// <summary>The classification as one stable lower-case word group, for JSON and CSV.</summary>
    public static string Classification(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.CertificateSeen => "certificate-seen",
        ConnectionOutcome.Tls13CertificateEncrypted => "tls13-certificate-encrypted",
        ConnectionOutcome.ResumedNoCertificate => "resumed-no-certificate",
        ConnectionOutcome.HandshakeFailed => "handshake-failed",
        ConnectionOutcome.CertificateLostToCapture => "certificate-lost-to-capture",
        _ => "too-little-captured",
    };

    /// <summary>The classification as a person reads it.</summary>
    public static string ClassificationPhrase(ConnectionOutcome outcome) => outcome switch
    {
        ConnectionOutcome.CertificateSeen => "certificate seen",
        ConnectionOutcome.Tls13CertificateEncrypted => "TLS 1.3, certificate encrypted",
        ConnectionOutcome.ResumedNoCertificate => "resumed, no certificate",
        ConnectionOutcome.HandshakeFailed => "handshake failed",
        ConnectionOutcome.CertificateLostToCapture => "certificate lost to the capture",
        _ => "too little captured to tell",
    };

    public static string Change(CertificateChange change) => change switch
    {
        CertificateChange.First => "first",
        CertificateChange.Renewal => "renewal",
        CertificateChange.Replacement => "replacement",
        _ => "rollback",
    };

    public static string Resumption(ResumptionKind kind) => kind switch
    {
        ResumptionKind.SessionId => "session-id",
        ResumptionKind.SessionTicket => "session-ticket",
        ResumptionKind.PreSharedKey => "psk",
        _ => "none",
    };

    public static string End(ConnectionEnd end) => end switch
    {
        ConnectionEnd.Closed => "closed",
        ConnectionEnd.ResetByClient => "reset-by-client",
        ConnectionEnd.ResetByServer => "reset-by-server",
        _ => "open",
    };

    /// <summary><c>TLS 1.2</c>, or empty when unknown.</summary>
    public static string Version(ushort? version) => version is { } value ? TlsVersion.Name(value) : string.Empty;

    /// <summary>ECS <c>tls.version</c>: <c>1.2</c>, <c>3.0</c> for SSL 3.0.</summary>
    public static string EcsVersion(ushort version) => TlsVersion.Name(version).Split(' ')[^1];

    /// <summary>ECS <c>tls.version_protocol</c>: <c>tls</c> or <c>ssl</c>.</summary>
    public static string EcsVersionProtocol(ushort version) =>
        TlsVersion.Name(version).StartsWith("SSL", StringComparison.Ordinal) ? "ssl" : "tls";

    public static string CipherSuite(ushort? suite) => suite is { } value ? CipherSuiteNames.Name(value) : string.Empty;

    /// <summary><c>server fatal unknown_ca</c>.</summary>
    public static string Alert(AlertSeen alert) =>
        $"{(alert.FromServer ? "server" : "client")} {(alert.IsFatal ? "fatal" : "warning")} "
        + TlsAlertNames.Name(alert.Description);

    /// <summary><c>valid, 64 days left</c>; <c>expired 35 days before</c>; <c>not yet valid</c>.</summary>
    public static string Verdict(ValidityVerdict verdict, CertificateRecord certificate) => verdict.Status switch
    {
        ValidityStatus.Valid => $"valid, {Days(verdict.WholeDaysLeft)} left",
        ValidityStatus.Expired => $"EXPIRED since {Date(certificate.NotAfter)} ({Days(verdict.WholeDaysExpired)})",
        ValidityStatus.NotYetValid => $"NOT YET VALID until {Date(certificate.NotBefore)}",
        _ => "undecodable",
    };

    /// <summary>ISO 8601 UTC to the second, as in packet comments.</summary>
    public static string Time(DateTimeOffset time) => CertificateComment.FormatTime(time);

    /// <summary><c>2026-12-04 16:20:01</c> (UTC), for tables.</summary>
    public static string TableTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary><c>16:20:01.123</c> (UTC), for rows under a dated heading.</summary>
    public static string ClockTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?";

    public static string Days(int days) =>
        days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>[2]</c>.</summary>
    public static string Label(ReportedCertificate certificate) => $"[{Number(certificate.Number)}]";
}
