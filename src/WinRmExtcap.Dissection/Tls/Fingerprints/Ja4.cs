using System.Globalization;
using System.Text;

namespace WinRmExtcap.Dissection.Tls.Fingerprints;

/// <summary>
/// The JA4 fingerprint of a ClientHello over TCP (FoxIO <c>technical_details/JA4.md</c>, BSD-3):
/// <c>a_b_c</c>, for example <c>t13d1516h2_8daaf6152771_e5627efa2ab1</c>. GREASE values are
/// ignored everywhere.
/// </summary>
public static class Ja4
{
    private const char TcpTransport = 't';
    private const char SniPresent = 'd';
    private const char SniAbsent = 'i';
    private const int MaxCount = 99;
    private const string NoAlpn = "00";
    private const string UnknownVersion = "00";

    /// <summary>The JA4 fingerprint.</summary>
    public static string Of(ClientHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var ciphers = hello.CipherSuites.Where(value => !TlsVersion.IsGrease(value)).ToArray();
        var extensions = hello.ExtensionTypes.Where(value => !TlsVersion.IsGrease(value)).ToArray();
        var signatureAlgorithms = hello.SignatureAlgorithms.Where(value => !TlsVersion.IsGrease(value)).ToArray();

        var a = new StringBuilder()
            .Append(TcpTransport)
            .Append(VersionCode(hello.HighestVersion))
            .Append(extensions.Contains(TlsExtensionType.ServerName) ? SniPresent : SniAbsent)
            .Append(Count(ciphers.Length))
            .Append(Count(extensions.Length))
            .Append(AlpnCode(hello.Alpn.Count > 0 ? hello.Alpn[0] : null))
            .ToString();

        var b = ciphers.Length == 0
            ? FingerprintText.EmptyTruncatedHash
            : FingerprintText.Sha256Truncated(FingerprintText.JoinHex(ciphers.Order()));

        var hashedExtensions = extensions
            .Where(value => value is not TlsExtensionType.ServerName
                and not TlsExtensionType.ApplicationLayerProtocolNegotiation)
            .Order();
        var extensionText = FingerprintText.JoinHex(hashedExtensions);
        if (signatureAlgorithms.Length > 0)
        {
            extensionText += "_" + FingerprintText.JoinHex(signatureAlgorithms);
        }
        var c = extensions.Length == 0
            ? FingerprintText.EmptyTruncatedHash
            : FingerprintText.Sha256Truncated(extensionText);

        return $"{a}_{b}_{c}";
    }

    /// <summary>13, 12, 11, 10, s3, s2, or 00 for anything else.</summary>
    private static string VersionCode(ushort version) => version switch
    {
        TlsVersion.Tls13 => "13",
        TlsVersion.Tls12 => "12",
        TlsVersion.Tls11 => "11",
        TlsVersion.Tls10 => "10",
        TlsVersion.Ssl3 => "s3",
        TlsVersion.Ssl2 => "s2",
        _ => UnknownVersion,
    };

    private static string Count(int count) =>
        Math.Min(count, MaxCount).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>
    /// First and last character of the first ALPN value; when either is not an ASCII letter or
    /// digit, the first and last digit of the value's hex form instead.
    /// </summary>
    /// <remarks>
    /// The parser keeps ALPN values as ASCII text, so a byte above 0x7F arrives as '?' and its hex
    /// digits here are those of '?'; such values do not occur in registered ALPN identifiers.
    /// </remarks>
    private static string AlpnCode(string? alpn)
    {
        if (string.IsNullOrEmpty(alpn))
        {
            return NoAlpn;
        }
        var first = alpn[0];
        var last = alpn[^1];
        if (char.IsAsciiLetterOrDigit(first) && char.IsAsciiLetterOrDigit(last))
        {
            return string.Concat(first, last);
        }
        var hex = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(alpn));
        return string.Concat(hex[0], hex[^1]);
    }
}
