using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// One stretch of a server's timeline during which it kept presenting the same leaf certificate,
/// with how it differs from the stretch before.
/// </summary>
public sealed class TimelineEntry
{
    internal TimelineEntry(ReportedCertificate certificate, CertificateChange change, string capture,
        long connectionId, long frame, DateTimeOffset at)
    {
        Certificate = certificate;
        Change = change;
        Capture = capture;
        FirstConnectionId = connectionId;
        FirstFrame = frame;
        FirstSeen = at;
        LastSeen = at;
    }

    public ReportedCertificate Certificate { get; }

    public Thumbprint Thumbprint => Certificate.Certificate.Thumbprint;

    public CertificateChange Change { get; }

    /// <summary>The capture holding the first presentation of this stretch.</summary>
    public string Capture { get; }

    /// <summary>The connection (tcp.stream-like id within <see cref="Capture"/>) of the first presentation.</summary>
    public long FirstConnectionId { get; }

    public long FirstFrame { get; }

    public DateTimeOffset FirstSeen { get; }

    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Times the server presented the certificate in this stretch.</summary>
    public long Presentations { get; private set; }

    /// <summary>Presentations when the certificate was expired at capture time.</summary>
    public long ExpiredPresentations { get; private set; }

    /// <summary>Presentations when the certificate was not yet valid at capture time.</summary>
    public long NotYetValidPresentations { get; private set; }

    /// <summary>
    /// First time this stretch served the certificate expired after the server had been seen
    /// presenting a valid certificate; null when that never happened.
    /// </summary>
    public DateTimeOffset? ExpiredStillServedSince { get; private set; }

    internal void Presented(DateTimeOffset at, ValidityStatus status, bool validSeenBefore)
    {
        Presentations++;
        if (at > LastSeen)
        {
            LastSeen = at;
        }
        switch (status)
        {
            case ValidityStatus.Expired:
                ExpiredPresentations++;
                if (validSeenBefore)
                {
                    ExpiredStillServedSince ??= at;
                }
                break;
            case ValidityStatus.NotYetValid:
                NotYetValidPresentations++;
                break;
        }
    }
}
