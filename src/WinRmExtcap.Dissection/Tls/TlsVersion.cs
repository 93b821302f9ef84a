namespace WinRmExtcap.Dissection.Tls;

/// <summary>Protocol version numbers as they appear on the wire.</summary>
public static class TlsVersion
{
    public const ushort Ssl2 = 0x0002;
    public const ushort Ssl3 = 0x0300;
    public const ushort Tls10 = 0x0301;
    public const ushort Tls11 = 0x0302;
    public const ushort Tls12 = 0x0303;
    public const ushort Tls13 = 0x0304;

    /// <summary>The major version byte shared by SSL 3.0 and every TLS version.</summary>
    public const byte RecordMajor = 3;

    /// <summary>Highest minor version a record header may carry (TLS 1.3 uses 0x0301-0x0303).</summary>
    public const byte HighestRecordMinor = 4;

    /// <summary>RFC 8701 GREASE values: both bytes equal, low nibbles 0xA.</summary>
    public static bool IsGrease(ushort value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);

    /// <summary>The name a user knows: "TLS 1.2", "SSL 3.0", or hex for anything else.</summary>
    public static string Name(ushort version) => version switch
    {
        Ssl2 => "SSL 2.0",
        Ssl3 => "SSL 3.0",
        Tls10 => "TLS 1.0",
        Tls11 => "TLS 1.1",
        Tls12 => "TLS 1.2",
        Tls13 => "TLS 1.3",
        _ => $"0x{version:X4}",
    };
}
