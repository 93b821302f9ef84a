namespace WinRmExtcap.Dissection.Tls;

/// <summary>TLS record content types (RFC 8446 section 5.1, RFC 6520 for heartbeat).</summary>
public enum TlsContentType : byte
{
    ChangeCipherSpec = 20,
    Alert = 21,
    Handshake = 22,
    ApplicationData = 23,
    Heartbeat = 24,
}
