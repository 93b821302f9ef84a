namespace WinRmExtcap.Dissection.Diagnostics;

/// <summary>
/// Event ids of the library's log messages, one range per area so that a log line's area is
/// plain from its id: 1000-1099 sessions, 1100-1199 capture files, 1200-1299 TLS decryption,
/// 1300-1399 reporting and export.
/// </summary>
public static class LogEvents
{
    public const int CaptureComplete = 1000;
    public const int ConnectionsEvicted = 1001;

    public const int CaptureDamaged = 1100;

    public const int DecryptionFailed = 1200;

    public const int CertificateExported = 1300;
    public const int CertificateExportFailed = 1301;
}
