using Microsoft.Extensions.Logging;

namespace WinRmExtcap.Logging;

/// <summary>The extcap's log messages. They go only to the log file the user chose.</summary>
internal static partial class Log
{
    [LoggerMessage(LogEventIds.CaptureStarting, LogLevel.Information,
        "Capturing on {Device} (link type {LinkType}, snap length {SnapLengthBytes} bytes) with filter {Filter}")]
    public static partial void CaptureStarting(
        ILogger logger, string device, uint linkType, int snapLengthBytes, string filter);

    [LoggerMessage(LogEventIds.FifoOpened, LogLevel.Information, "Writing pcapng to {Fifo}")]
    public static partial void FifoOpened(ILogger logger, string fifo);

    [LoggerMessage(LogEventIds.PacketWritten, LogLevel.Trace,
        "Frame {FrameNumber}: {CapturedBytes} of {OriginalBytes} bytes, {CommentCount} comments")]
    public static partial void PacketWritten(
        ILogger logger, long frameNumber, int capturedBytes, int originalBytes, int commentCount);

    [LoggerMessage(LogEventIds.CaptureStopped, LogLevel.Information,
        "Capture stopped ({Reason}) after {PacketCount} packets")]
    public static partial void CaptureStopped(ILogger logger, string reason, long packetCount);

    [LoggerMessage(LogEventIds.StopRequested, LogLevel.Information, "Stop requested by {Signal}")]
    public static partial void StopRequested(ILogger logger, string signal);

    [LoggerMessage(LogEventIds.FifoClosed, LogLevel.Information, "The reader closed the fifo: {Reason}")]
    public static partial void FifoClosed(ILogger logger, string reason);

    [LoggerMessage(LogEventIds.CaptureFailed, LogLevel.Error, "Capture failed: {Reason}")]
    public static partial void CaptureFailed(ILogger logger, string reason);

    [LoggerMessage(LogEventIds.CertificateSeen, LogLevel.Information,
        "New certificate in frame {FrameNumber}: {Comment}")]
    public static partial void CertificateSeen(ILogger logger, long frameNumber, string comment);

    [LoggerMessage(LogEventIds.CertificateSaved, LogLevel.Debug, "Saved certificate {Thumbprint} to {Path}")]
    public static partial void CertificateSaved(ILogger logger, string thumbprint, string path);

    [LoggerMessage(LogEventIds.CertificateSaveFailed, LogLevel.Warning,
        "Could not save certificate {Thumbprint} to {Folder}: {Reason}")]
    public static partial void CertificateSaveFailed(ILogger logger, string thumbprint, string folder, string reason);

    [LoggerMessage(LogEventIds.ControlPipeOpened, LogLevel.Debug, "Control pipe {Direction} open: {Path}")]
    public static partial void ControlPipeOpened(ILogger logger, string direction, string path);

    [LoggerMessage(LogEventIds.ControlMessageReceived, LogLevel.Debug,
        "Control message: control {ControlNumber}, command {Command}, {PayloadBytes} payload bytes")]
    public static partial void ControlMessageReceived(
        ILogger logger, byte controlNumber, string command, int payloadBytes);

    [LoggerMessage(LogEventIds.ControlPipeClosed, LogLevel.Debug, "Control pipe {Direction} closed: {Reason}")]
    public static partial void ControlPipeClosed(ILogger logger, string direction, string reason);
}
