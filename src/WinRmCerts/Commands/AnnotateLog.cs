using Microsoft.Extensions.Logging;

namespace WinRmCerts.Commands;

/// <summary>Log messages of <c>winrm-certs annotate</c>; event ids 2100-2199.</summary>
internal static partial class AnnotateLog
{
    public const int AnnotationWrittenId = 2100;
    public const int TemporaryFileRemovedId = 2101;

    [LoggerMessage(AnnotationWrittenId, LogLevel.Information,
        "Annotated {Input} into {Output}: {Packets} packets, {CommentsAdded} comments added")]
    public static partial void AnnotationWritten(
        ILogger logger, string input, string output, long packets, long commentsAdded);

    [LoggerMessage(TemporaryFileRemovedId, LogLevel.Debug, "Removed the unfinished output {TemporaryPath}")]
    public static partial void TemporaryFileRemoved(ILogger logger, string temporaryPath);
}
