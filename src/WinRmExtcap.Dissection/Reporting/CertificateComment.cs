using System.Globalization;
using System.Text;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// The one stable, greppable form of the packet comments the extcap and <c>annotate</c> write:
/// <c>winrm-cert: server thumbprint=40HEX subject="CN=host" not_after=2017-01-13T12:00:00Z
/// status=expired ...</c>, each field <c>key=value</c>, text values quoted with <c>\"</c> and
/// <c>\\</c> escaped.
/// </summary>
public static class CertificateComment
{
    /// <summary>Every comment this project writes starts with this word.</summary>
    public const string Prefix = "winrm-cert:";

    /// <summary>Describes certificate <paramref name="index"/> of a chain.</summary>
    /// <param name="chain">The Certificate message the certificate came in.</param>
    /// <param name="index">Position in the chain, 0 for the leaf.</param>
    /// <param name="replaced">The thumbprint this server presented before, when it changed.</param>
    /// <param name="expectedMatch">For a server leaf checked against expected thumbprints: whether it matched.</param>
    public static string ForCertificate(
        CertificateChainSeen chain,
        int index,
        Thumbprint? replaced,
        bool? expectedMatch)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var certificate = chain.Chain[index];
        var verdict = ValidityVerdict.Of(certificate, chain.Timestamp);
        var text = new StringBuilder(Prefix)
            .Append(' ').Append(chain.Role == CertificateRole.Server ? "server" : "client")
            .Append(" thumbprint=").Append(certificate.Thumbprint.Hex);
        AppendQuoted(text, "subject", certificate.Subject ?? string.Empty);
        if (certificate.NotAfter is { } notAfter)
        {
            text.Append(" not_after=").Append(FormatTime(notAfter));
        }
        text.Append(" status=").Append(verdict.Word);
        if (verdict.Status == ValidityStatus.Valid)
        {
            text.Append(" days_left=").Append(verdict.WholeDaysLeft.ToString(CultureInfo.InvariantCulture));
        }
        text.Append(" chain=").Append((index + 1).ToString(CultureInfo.InvariantCulture))
            .Append('/').Append(chain.Chain.Count.ToString(CultureInfo.InvariantCulture))
            .Append(" server=").Append(chain.Connection.Server.ToString());
        if (chain.Connection.ServerName is { Length: > 0 } sni)
        {
            AppendQuoted(text, "sni", sni);
        }
        if (replaced is { } old)
        {
            text.Append(" changed_from=").Append(old.Hex);
        }
        if (expectedMatch is { } match)
        {
            text.Append(" expected=").Append(match ? "match" : "mismatch");
        }
        if (chain.Decrypted)
        {
            text.Append(" decrypted=yes");
        }
        if (!certificate.IsDecoded)
        {
            AppendQuoted(text, "error", certificate.DecodeError ?? string.Empty);
        }
        return text.ToString();
    }

    /// <summary>Says why a connection's ServerHello is followed by no visible certificate.</summary>
    public static string ForHiddenCertificate(TlsConnection connection, string reason, string detail)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = new StringBuilder(Prefix).Append(" none reason=").Append(reason)
            .Append(" server=").Append(connection.Server.ToString());
        if (connection.ServerName is { Length: > 0 } sni)
        {
            AppendQuoted(text, "sni", sni);
        }
        AppendQuoted(text, "detail", detail);
        return text.ToString();
    }

    /// <summary>ISO 8601 UTC to the second, as in <c>2017-01-13T12:00:00Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AppendQuoted(StringBuilder text, string key, string value)
    {
        text.Append(' ').Append(key).Append("=\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }
            text.Append(char.IsControl(c) ? ' ' : c);
        }
        text.Append('"');
    }
}
