namespace WinRmExtcap.Dissection.Tls.Fingerprints;

/// <summary>
/// The JA3 fingerprint of a ClientHello (salesforce/ja3): <c>SSLVersion,Ciphers,Extensions,
/// EllipticCurves,EllipticCurvePointFormats</c> in decimal, then its MD5. GREASE values (RFC 8701)
/// are left out of every list; supported_versions is ignored, so a TLS 1.3 client shows 771.
/// </summary>
public static class Ja3
{
    /// <summary>The JA3 string, for example <c>771,4865-4866,0-23-65281,29-23,0</c>.</summary>
    public static string Text(ClientHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var fields = new[]
        {
            hello.LegacyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FingerprintText.JoinDecimal(WithoutGrease(hello.CipherSuites)),
            FingerprintText.JoinDecimal(WithoutGrease(hello.ExtensionTypes)),
            FingerprintText.JoinDecimal(WithoutGrease(hello.SupportedGroups)),
            FingerprintText.JoinDecimal(hello.EcPointFormats.Select(format => (int)format)),
        };
        return string.Join(',', fields);
    }

    /// <summary>The JA3 hash: MD5 of <see cref="Text"/>, 32 lower-case hex digits.</summary>
    public static string Hash(ClientHello hello) => FingerprintText.Md5(Text(hello));

    internal static IEnumerable<int> WithoutGrease(IEnumerable<ushort> values) =>
        values.Where(value => !TlsVersion.IsGrease(value)).Select(value => (int)value);
}
