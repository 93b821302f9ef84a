using System.Net;

namespace WinRmExtcap.Dissection.Certificates;

/// <summary>
/// Matches the name a client asked for against a certificate the way TLS clients do (RFC 6125
/// section 6.4): DNS names against the DNS subject alternative names, case-insensitively, a
/// <c>*</c> standing for exactly one whole left-most label; IP addresses against the IP address
/// alternative names only. The subject CN is used only when the certificate has no DNS name at
/// all, as Windows (Schannel, the WinRM client) still does; browsers no longer do.
/// </summary>
public static class HostNameMatcher
{
    private const string Wildcard = "*";
    private const int MinimumLabelsUnderWildcard = 2;

    /// <summary>True when <paramref name="name"/> (a host name or an IP address) matches the certificate.</summary>
    public static bool Matches(CertificateDetails details, string name)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(name);

        if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
        {
            return details.IpAddresses.Any(text => IPAddress.TryParse(text, out var listed) && listed.Equals(address));
        }

        var wanted = Normalize(name);
        if (details.DnsNames.Count > 0)
        {
            return details.DnsNames.Any(pattern => MatchesPattern(Normalize(pattern), wanted));
        }
        return details.CommonName is { } commonName && MatchesPattern(Normalize(commonName), wanted);
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private static bool MatchesPattern(string pattern, string name)
    {
        if (pattern.Length == 0 || name.Length == 0)
        {
            return false;
        }
        var patternLabels = pattern.Split('.');
        var nameLabels = name.Split('.');
        if (patternLabels.Length != nameLabels.Length)
        {
            return false;
        }
        if (patternLabels[0] == Wildcard)
        {
            // "*.com" would match every host in a top-level domain: clients refuse it.
            return patternLabels.Length > MinimumLabelsUnderWildcard
                && patternLabels.Skip(1).SequenceEqual(nameLabels.Skip(1), StringComparer.Ordinal);
        }
        return patternLabels.SequenceEqual(nameLabels, StringComparer.Ordinal);
    }
}
