using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// One distinct certificate in a report: the record, its details, and when and how it was seen.
/// Validity is judged at the capture time of the packets that carried it.
/// </summary>
public sealed class ReportedCertificate
{
    /// <summary>Names checked against the certificate that are remembered; further ones are not cached.</summary>
    private const int MaxNamesRemembered = 64;

    private readonly Dictionary<string, bool> _nameMatches = new(StringComparer.OrdinalIgnoreCase);

    internal ReportedCertificate(
        int number,
        CertificateRecord certificate,
        CertificateChainSeen firstSeen,
        int position)
    {
        Number = number;
        Certificate = certificate;
        Details = CertificateDetails.Of(certificate);
        FirstSeen = firstSeen.Timestamp;
        LastSeen = firstSeen.Timestamp;
        FirstVerdict = ValidityVerdict.Of(certificate, firstSeen.Timestamp);
        LastVerdict = FirstVerdict;
        Role = firstSeen.Role;
        ChainPosition = position;
    }

    /// <summary>1-based number in order of first appearance; tables refer to the certificate by it.</summary>
    public int Number { get; }

    public CertificateRecord Certificate { get; }

    /// <summary>Names, key, signature and usage; null when the platform cannot decode the certificate.</summary>
    public CertificateDetails? Details { get; }

    /// <summary>Whether it was first seen in a server chain or as a client certificate.</summary>
    public CertificateRole Role { get; }

    /// <summary>Position in the chain where it was first seen, 0 for the leaf.</summary>
    public int ChainPosition { get; }

    public DateTimeOffset FirstSeen { get; private set; }

    public DateTimeOffset LastSeen { get; private set; }

    /// <summary>Certificate messages that carried it.</summary>
    public long TimesSeen { get; private set; } = 1;

    /// <summary>Validity at the capture time of the first packet that carried it.</summary>
    public ValidityVerdict FirstVerdict { get; private set; }

    /// <summary>Validity at the capture time of the last packet that carried it.</summary>
    public ValidityVerdict LastVerdict { get; private set; }

    /// <summary>True when some server presented it as its leaf.</summary>
    public bool IsServerLeaf { get; internal set; }

    /// <summary>The names the certificate was checked against, and whether each matched.</summary>
    public IReadOnlyDictionary<string, bool> NameMatches => _nameMatches;

    internal void Seen(DateTimeOffset at)
    {
        TimesSeen++;
        if (at < FirstSeen)
        {
            FirstSeen = at;
            FirstVerdict = ValidityVerdict.Of(Certificate, at);
        }
        if (at >= LastSeen)
        {
            LastSeen = at;
            LastVerdict = ValidityVerdict.Of(Certificate, at);
        }
    }

    /// <summary>Whether <paramref name="name"/> matches, as TLS clients match; null when undecodable.</summary>
    internal bool? MatchName(string name)
    {
        if (Details is null)
        {
            return null;
        }
        if (_nameMatches.TryGetValue(name, out var known))
        {
            return known;
        }
        var matches = HostNameMatcher.Matches(Details, name);
        if (_nameMatches.Count < MaxNamesRemembered)
        {
            _nameMatches.Add(name, matches);
        }
        return matches;
    }
}
