namespace WinRmCerts.Tests.Report;

/// <summary>The real-traffic captures the report tests read.</summary>
public enum ReportCase
{
    Renewal,
    Rollback,
    Expired,
    NotYetValid,
    Tls13,
    Resumption,
    ClientCertificate,
    UntrustedAuthority,
    ProtocolMismatch,
    SnapLengthCutsCertificate,
}
