using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmExtcap.Annotation;

/// <summary>Chooses the dissector behind <see cref="ICaptureAnnotator"/>.</summary>
internal static class CaptureAnnotators
{
    // TODO: the dissector's PacketAnnotator is not in the library yet; until it is, packets pass
    // through without certificate comments. Wiring it in is this one line.
    public static ICaptureAnnotator Create(AnnotationOptions options, ILoggerFactory loggerFactory) =>
        new NoAnnotations();
}
