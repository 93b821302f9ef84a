namespace WinRmExtcap.Dissection.Sessions;

/// <summary>A TLS alert sent in clear.</summary>
/// <param name="FromServer">True when the server sent it.</param>
/// <param name="Level">1 warning, 2 fatal (RFC 5246 section 7.2).</param>
/// <param name="Description">Alert description code (IANA "TLS Alerts").</param>
/// <param name="FrameNumber">Frame that completed the alert record.</param>
public sealed record AlertSeen(bool FromServer, byte Level, byte Description, long FrameNumber)
{
    public const byte FatalLevel = 2;

    public bool IsFatal => Level == FatalLevel;
}
