using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Annotation;

/// <summary>An annotator that recognises nothing: packets pass through without comments.</summary>
internal sealed class NoAnnotations : ICaptureAnnotator
{
    public event Action<CertificateRecord, string>? NewCertificate
    {
        add { }
        remove { }
    }

    public IReadOnlyCollection<CertificateRecord> Certificates => [];

    public IReadOnlyList<string> Annotate(in CapturedPacket packet) => [];
}
