using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmExtcap.Annotation;

/// <summary>Chooses the dissector behind <see cref="ICaptureAnnotator"/>.</summary>
internal static class CaptureAnnotators
{
    public static ICaptureAnnotator Create(AnnotationOptions options, ILoggerFactory loggerFactory) =>
        new DissectorAnnotator(options, loggerFactory);
}
