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
}
