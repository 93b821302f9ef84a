namespace WinRmExtcap.Dissection.Tls;

/// <summary>Splits a Certificate handshake message into the DER certificates it carries.</summary>
public static class CertificateMessageParser
{
    /// <summary>
    /// RFC 5246 section 7.4.2 (TLS 1.2 and earlier): <c>ASN.1Cert certificate_list&lt;0..2^24-1&gt;</c>,
    /// each <c>opaque ASN.1Cert&lt;1..2^24-1&gt;</c>. RFC 8446 section 4.4.2 (TLS 1.3) adds a
    /// request context first and extensions after each certificate. Returns null when the body
    /// does not follow the layout; certificates parsed before the damage are not returned.
    /// </summary>
    public static List<byte[]>? Parse(ReadOnlySpan<byte> body, bool isTls13)
    {
        var reader = new WireReader(body);
        if (isTls13 && !reader.TryReadVector8(out _))
        {
            return null;
        }
        if (!reader.TryReadVector24(out var list) || reader.Remaining != 0)
        {
            return null;
        }

        var certificates = new List<byte[]>();
        var listReader = new WireReader(list);
        while (listReader.Remaining > 0)
        {
            if (!listReader.TryReadVector24(out var der) || der.IsEmpty)
            {
                return null;
            }
            if (isTls13 && !listReader.TryReadVector16(out _))
            {
                return null;
            }
            certificates.Add(der.ToArray());
        }
        return certificates;
    }

    /// <summary>
    /// Like <see cref="Parse"/>, but keeps what can be kept from a broken list, as a user
    /// expects: empty entries are skipped, and an entry or list whose length runs past the
    /// message ends the list with the certificates read so far. <paramref name="complete"/> is
    /// false when anything was skipped or cut.
    /// </summary>
    public static List<byte[]> ParseSalvaging(ReadOnlySpan<byte> body, bool isTls13, out bool complete)
    {
        complete = true;
        var certificates = new List<byte[]>();
        var reader = new WireReader(body);
        if (isTls13 && !reader.TryReadVector8(out _))
        {
            complete = false;
            return certificates;
        }
        if (!reader.TryReadUInt24(out var listLength))
        {
            complete = false;
            return certificates;
        }
        if (listLength != reader.Remaining)
        {
            complete = false;
        }

        var listReader = new WireReader(reader.Rest[..Math.Min(listLength, reader.Remaining)]);
        while (listReader.Remaining > 0)
        {
            if (!listReader.TryReadVector24(out var der))
            {
                complete = false;
                break;
            }
            if (isTls13 && !listReader.TryReadVector16(out _))
            {
                complete = false;
            }
            if (der.IsEmpty)
            {
                complete = false;
                continue;
            }
            certificates.Add(der.ToArray());
        }

        // From a broken list keep only entries that are one whole DER SEQUENCE: what survives a
        // damaged message is otherwise likely to be a fragment of something else.
        return complete ? certificates : certificates.Where(IsOneDerSequence).ToList();
    }

    /// <summary>ITU-T X.690 section 8.1: a SEQUENCE tag, then a length that covers exactly the rest.</summary>
    private static bool IsOneDerSequence(byte[] der)
    {
        const byte sequenceTag = 0x30;
        const byte longFormFlag = 0x80;
        const int maxLengthOctets = 3;
        if (der.Length < 2 || der[0] != sequenceTag)
        {
            return false;
        }
        if ((der[1] & longFormFlag) == 0)
        {
            return der[1] + 2 == der.Length;
        }
        var octets = der[1] & ~longFormFlag;
        if (octets is 0 or > maxLengthOctets || der.Length < 2 + octets)
        {
            return false;
        }
        var length = 0;
        for (var i = 0; i < octets; i++)
        {
            length = (length << 8) | der[2 + i];
        }
        return 2 + octets + length == der.Length;
    }
}
