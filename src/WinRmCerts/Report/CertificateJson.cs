using System.Text.Json;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Report;

/// <summary>
/// The Elastic Common Schema fields of one certificate that <c>report</c> and <c>probe</c> both
/// write: <c>hash.*</c>, the <c>x509.*</c> names, dates and key, and the validity verdict. Each
/// caller opens and closes the objects around them, so the same fields serve <c>tls.server</c> and
/// a chain entry.
/// </summary>
internal static class CertificateJson
{
    /// <summary>Writes the <c>hash</c> object: the SHA-1 thumbprint and the SHA-256.</summary>
    public static void WriteHashes(Utf8JsonWriter json, CertificateRecord certificate)
    {
        json.WriteStartObject("hash");
        json.WriteString("sha1", certificate.Thumbprint.Hex);
        json.WriteString("sha256", certificate.Sha256);
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes <c>subject.distinguished_name</c>, <c>issuer.distinguished_name</c> and
    /// <c>not_after</c> into the open <c>x509</c> object; a field the certificate did not decode
    /// is left out.
    /// </summary>
    public static void WriteNames(Utf8JsonWriter json, CertificateRecord certificate)
    {
        if (certificate.Subject is { } subject)
        {
            json.WriteStartObject("subject");
            json.WriteString("distinguished_name", subject);
            json.WriteEndObject();
        }
        if (certificate.Issuer is { } issuer)
        {
            json.WriteStartObject("issuer");
            json.WriteString("distinguished_name", issuer);
            json.WriteEndObject();
        }
        if (certificate.NotAfter is { } notAfter)
        {
            json.WriteString("not_after", CertificateComment.FormatTime(notAfter));
        }
    }

    /// <summary>
    /// Writes <c>alternative_names</c> (DNS names, then IP addresses), <c>public_key_algorithm</c>,
    /// <c>public_key_size</c> when known, <c>public_key_curve</c> when
    /// <paramref name="withCurve"/> and the key names one, and <c>signature_algorithm</c> into the
    /// open <c>x509</c> object.
    /// </summary>
    public static void WriteKey(Utf8JsonWriter json, CertificateDetails details, bool withCurve)
    {
        json.WriteStartArray("alternative_names");
        foreach (var name in details.DnsNames.Concat(details.IpAddresses))
        {
            json.WriteStringValue(name);
        }
        json.WriteEndArray();
        json.WriteString("public_key_algorithm", details.KeyAlgorithm);
        if (details.KeySizeBits > 0)
        {
            json.WriteNumber("public_key_size", details.KeySizeBits);
        }
        if (withCurve && details.Curve is not null)
        {
            json.WriteString("public_key_curve", details.Curve);
        }
        json.WriteString("signature_algorithm", details.SignatureAlgorithm);
    }

    /// <summary>
    /// Writes a validity verdict as the object <paramref name="name"/>: its status word and the
    /// time it was judged at, with the whole days left when valid or since expiry when expired.
    /// </summary>
    public static void WriteVerdict(Utf8JsonWriter json, string name, ValidityVerdict verdict)
    {
        json.WriteStartObject(name);
        json.WriteString("status", verdict.Word);
        json.WriteString("at", CertificateComment.FormatTime(verdict.At));
        if (verdict.Status == ValidityStatus.Valid)
        {
            json.WriteNumber("days_left", verdict.WholeDaysLeft);
        }
        if (verdict.Status == ValidityStatus.Expired)
        {
            json.WriteNumber("days_expired", verdict.WholeDaysExpired);
        }
        json.WriteEndObject();
    }
}
