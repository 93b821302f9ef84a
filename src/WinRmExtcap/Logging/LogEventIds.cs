namespace WinRmExtcap.Logging;

/// <summary>Event ids of the extcap's log: 100-199 capture, 200-299 certificates, 300-399 control pipes.</summary>
internal static class LogEventIds
{
    public const int CaptureStarting = 100;
    public const int FifoOpened = 101;
    public const int PacketWritten = 102;
    public const int CaptureStopped = 103;
    public const int StopRequested = 104;
    public const int FifoClosed = 105;
    public const int CaptureFailed = 106;

    public const int CertificateSeen = 200;
    public const int CertificateSaved = 201;
    public const int CertificateSaveFailed = 202;

    public const int ControlPipeOpened = 300;
    public const int ControlMessageReceived = 301;
    public const int ControlPipeClosed = 302;
}
