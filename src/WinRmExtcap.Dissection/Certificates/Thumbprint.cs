using System.Security.Cryptography;

namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// A certificate thumbprint as Windows and the WinRM listener show it: the SHA-1 of the DER
/// bytes, written as 40 upper-case hex digits without separators.
/// </summary>
public readonly record struct Thumbprint
{
    /// <summary>Length of a SHA-1 digest in bytes.</summary>
    public const int Length = 20;

    private readonly string _hex;

    private Thumbprint(string hex) => _hex = hex;

    /// <summary>The 40 upper-case hex digits.</summary>
    public string Hex => _hex ?? string.Empty;

    /// <summary>Computes the thumbprint of a DER-encoded certificate.</summary>
    public static Thumbprint Of(ReadOnlySpan<byte> der)
    {
        Span<byte> digest = stackalloc byte[Length];
        SHA1.HashData(der, digest);
        return new Thumbprint(Convert.ToHexString(digest));
    }

    /// <summary>
    /// Reads a thumbprint as users paste it: upper or lower case, with spaces, colons or hyphens
    /// between digits, and with the invisible marks (U+200E left-to-right mark, U+200F, U+FEFF,
    /// U+202A to U+202E) that the Windows certificate dialog copies along. Returns false when
    /// what remains is not exactly 40 hex digits.
    /// </summary>
    public static bool TryParse(string? text, out Thumbprint thumbprint)
    {
        thumbprint = default;
        if (text is null)
        {
            return false;
        }

        Span<char> digits = stackalloc char[2 * Length];
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiHexDigit(c))
            {
                if (count == digits.Length)
                {
                    return false;
                }
                digits[count++] = char.ToUpperInvariant(c);
            }
            else if (!IsIgnorable(c))
            {
                return false;
            }
        }

        if (count != digits.Length)
        {
            return false;
        }
        thumbprint = new Thumbprint(new string(digits));
        return true;
    }

    public override string ToString() => Hex;

    private static bool IsIgnorable(char c) =>
        char.IsWhiteSpace(c) || c is ':' or '-' or '\u200E' or '\u200F' or '\uFEFF' or '\u200B'
            or (>= '\u202A' and <= '\u202E');
}
