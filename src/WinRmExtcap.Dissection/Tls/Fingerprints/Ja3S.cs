namespace WinRmExtcap.Dissection.Tls.Fingerprints;

/// <summary>
/// The JA3S fingerprint of a ServerHello (salesforce/ja3 <c>ja3s.py</c>): <c>SSLVersion,Cipher,
/// Extensions</c> in decimal, then its MD5. The version is legacy_version (771 for TLS 1.3).
/// GREASE is left out of the extension list as for JA3. A server should never send it; the
/// reference <c>ja3s.py</c> would keep it, so only a misbehaving server can fingerprint differently.
/// </summary>
public static class Ja3S
{
    /// <summary>The JA3S string, for example <c>771,4865,51-43</c>.</summary>
    public static string Text(ServerHello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return string.Join(',',
            hello.LegacyVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            hello.CipherSuite.ToString(System.Globalization.CultureInfo.InvariantCulture),
            FingerprintText.JoinDecimal(Ja3.WithoutGrease(hello.ExtensionTypes)));
    }

    /// <summary>The JA3S hash: MD5 of <see cref="Text"/>, 32 lower-case hex digits.</summary>
    public static string Hash(ServerHello hello) => FingerprintText.Md5(Text(hello));
}
