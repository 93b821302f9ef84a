namespace WinRmExtcap.Dissection.Tls;

/// <summary>The TLS extension numbers this project reads (IANA "TLS ExtensionType Values").</summary>
public static class TlsExtensionType
{
    public const ushort ServerName = 0;
    public const ushort StatusRequest = 5;
    public const ushort SupportedGroups = 10;
    public const ushort EcPointFormats = 11;
    public const ushort SignatureAlgorithms = 13;
    public const ushort ApplicationLayerProtocolNegotiation = 16;
    public const ushort ExtendedMasterSecret = 23;
    public const ushort SessionTicket = 35;
    public const ushort PreSharedKey = 41;
    public const ushort SupportedVersions = 43;
    public const ushort KeyShare = 51;
    public const ushort RenegotiationInfo = 0xFF01;
}
