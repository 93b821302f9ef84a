using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmExtcap.Annotation;

/// <summary>The shared dissector's <see cref="PacketAnnotator"/> behind the capture's seam.</summary>
internal sealed class DissectorAnnotator(AnnotationOptions options, ILoggerFactory loggerFactory) : ICaptureAnnotator
{
    private readonly PacketAnnotator _annotator = new(options, loggerFactory);

    public event Action<CertificateRecord, string>? NewCertificate
    {
        add => _annotator.NewCertificate += value;
        remove => _annotator.NewCertificate -= value;
    }

    public IReadOnlyCollection<CertificateRecord> Certificates => _annotator.Certificates;

    public IReadOnlyList<string> Annotate(in CapturedPacket packet) => _annotator.Annotate(packet);
}
