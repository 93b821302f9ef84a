using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WinRmExtcap.Dissection.Tls.Fingerprints;

/// <summary>The small text and hash rules the JA3 and JA4 fingerprints share.</summary>
internal static class FingerprintText
{
    /// <summary>Characters of a SHA-256 hex digest that JA4 keeps.</summary>
    public const int TruncatedHashLength = 12;

    /// <summary>What JA4 writes for a hash over an empty list.</summary>
    public const string EmptyTruncatedHash = "000000000000";

    /// <summary>Values in decimal joined with <c>-</c>, as JA3 writes a field.</summary>
    public static string JoinDecimal(IEnumerable<int> values) =>
        string.Join('-', values.Select(value => value.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Values as 4-digit lower-case hex joined with <c>,</c>, as JA4 writes a list.</summary>
    public static string JoinHex(IEnumerable<ushort> values) =>
        string.Join(',', values.Select(value => value.ToString("x4", CultureInfo.InvariantCulture)));

    /// <summary>MD5 of the UTF-8 text, 32 lower-case hex digits.</summary>
    public static string Md5(string text) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The first 12 lower-case hex digits of SHA-256 over the text.</summary>
    public static string Sha256Truncated(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..TruncatedHashLength];
}
