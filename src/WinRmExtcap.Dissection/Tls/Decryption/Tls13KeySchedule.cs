using System.Buffers.Binary;
using System.Security.Cryptography;

namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// The parts of the TLS 1.3 key schedule needed to turn a logged traffic secret into record
/// keys: HKDF-Expand-Label (RFC 8446 section 7.1) and the traffic key calculation (section 7.3).
/// </summary>
public static class Tls13KeySchedule
{
    /// <summary>Label of the AEAD key in the traffic key calculation (RFC 8446 section 7.3).</summary>
    public const string KeyLabel = "key";

    /// <summary>Label of the static IV in the traffic key calculation (RFC 8446 section 7.3).</summary>
    public const string IvLabel = "iv";

    /// <summary>
    /// The per-record nonce and static IV length: max(8 bytes, N_MIN) for every TLS 1.3 AEAD
    /// (RFC 8446 section 5.3).
    /// </summary>
    public const int IvLength = 12;

    /// <summary>The prefix every TLS 1.3 label carries inside HkdfLabel (RFC 8446 section 7.1).</summary>
    private const string LabelPrefix = "tls13 ";

    private const int LengthFieldSize = sizeof(ushort);
    private const int VectorLengthFieldSize = sizeof(byte);
    private const int MinFullLabelLength = 7;
    private const int MaxFullLabelLength = 255;
    private const int MaxContextLength = 255;

    /// <summary>
    /// HKDF-Expand-Label(Secret, Label, Context, Length) from RFC 8446 section 7.1: HKDF-Expand
    /// of <paramref name="secret"/> with the HkdfLabel structure as info, filling all of
    /// <paramref name="destination"/>. <paramref name="label"/> is given without the "tls13 "
    /// prefix and must be ASCII.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The label, context or output length falls outside what HkdfLabel can encode, or the
    /// secret is shorter than the hash output.
    /// </exception>
    public static void ExpandLabel(
        HashAlgorithmName hash,
        ReadOnlySpan<byte> secret,
        string label,
        ReadOnlySpan<byte> context,
        Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(label);
        var fullLabelLength = LabelPrefix.Length + label.Length;
        if (fullLabelLength is < MinFullLabelLength or > MaxFullLabelLength)
        {
            throw new ArgumentException("HkdfLabel.label must be 7 to 255 bytes.", nameof(label));
        }
        if (context.Length > MaxContextLength)
        {
            throw new ArgumentException("HkdfLabel.context must be at most 255 bytes.", nameof(context));
        }
        if (destination.Length > ushort.MaxValue)
        {
            throw new ArgumentException("HkdfLabel.length is a uint16.", nameof(destination));
        }

        // struct {
        //     uint16 length = Length;
        //     opaque label<7..255> = "tls13 " + Label;
        //     opaque context<0..255> = Context;
        // } HkdfLabel;
        var infoLength = LengthFieldSize + VectorLengthFieldSize + fullLabelLength
            + VectorLengthFieldSize + context.Length;
        Span<byte> info = stackalloc byte[infoLength];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)destination.Length);
        var offset = LengthFieldSize;

        info[offset++] = (byte)fullLabelLength;
        offset += System.Text.Encoding.ASCII.GetBytes(LabelPrefix, info[offset..]);
        offset += System.Text.Encoding.ASCII.GetBytes(label, info[offset..]);

        info[offset++] = (byte)context.Length;
        context.CopyTo(info[offset..]);

        HKDF.Expand(hash, secret, destination, info);
    }

    /// <summary>
    /// The traffic key calculation of RFC 8446 section 7.3:
    /// <c>[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)</c> and
    /// <c>[sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length)</c>.
    /// <paramref name="key"/> is filled to its length, which the caller sizes to the suite's
    /// key length; <paramref name="iv"/> must be <see cref="IvLength"/> bytes.
    /// </summary>
    /// <exception cref="ArgumentException">A destination has the wrong length.</exception>
    public static void DeriveTrafficKeys(
        HashAlgorithmName hash,
        ReadOnlySpan<byte> trafficSecret,
        Span<byte> key,
        Span<byte> iv)
    {
        if (iv.Length != IvLength)
        {
            throw new ArgumentException("The TLS 1.3 write IV is 12 bytes.", nameof(iv));
        }

        ExpandLabel(hash, trafficSecret, KeyLabel, ReadOnlySpan<byte>.Empty, key);
        ExpandLabel(hash, trafficSecret, IvLabel, ReadOnlySpan<byte>.Empty, iv);
    }
}
