using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Annotation;

/// <summary>
/// What the live capture needs from the dissector: the comments for each packet, the distinct
/// certificates so far, and a signal for each new one. All calls come from the capture thread.
/// </summary>
internal interface ICaptureAnnotator
{
    /// <summary>Raised once per new distinct certificate, with the comment that names it.</summary>
    event Action<CertificateRecord, string>? NewCertificate;

    IReadOnlyCollection<CertificateRecord> Certificates { get; }

    /// <summary>Runs the packet through the dissector; returns its comments, possibly none.</summary>
    IReadOnlyList<string> Annotate(in CapturedPacket packet);
}
