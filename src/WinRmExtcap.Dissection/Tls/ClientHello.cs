namespace WinRmExtcap.Dissection.Tls;

/// <summary>What a ClientHello offered, kept in wire order (fingerprints depend on it).</summary>
public sealed record ClientHello
{
    /// <summary>legacy_version (the only version field before TLS 1.3).</summary>
    public required ushort LegacyVersion { get; init; }

    public required byte[] Random { get; init; }

    public required byte[] SessionId { get; init; }

    public required IReadOnlyList<ushort> CipherSuites { get; init; }

    /// <summary>Extension types in wire order, GREASE included.</summary>
    public required IReadOnlyList<ushort> ExtensionTypes { get; init; }

    public string? ServerName { get; init; }

    public IReadOnlyList<ushort> SupportedGroups { get; init; } = [];

    public IReadOnlyList<byte> EcPointFormats { get; init; } = [];

    public IReadOnlyList<ushort> SignatureAlgorithms { get; init; } = [];

    public IReadOnlyList<string> Alpn { get; init; } = [];

    /// <summary>The supported_versions list (TLS 1.3 clients), GREASE included.</summary>
    public IReadOnlyList<ushort> SupportedVersions { get; init; } = [];

    /// <summary>Length of the SessionTicket extension's ticket; 0 when absent or empty.</summary>
    public int SessionTicketLength { get; init; }

    /// <summary>
    /// SHA-256 of the SessionTicket extension's ticket as upper-case hex, so a resumption can be
    /// matched to the NewSessionTicket that issued it; null when absent or empty.
    /// </summary>
    public string? SessionTicketSha256 { get; init; }

    /// <summary>True when the ClientHello offers a TLS 1.3 pre-shared key (resumption).</summary>
    public bool OffersPreSharedKey { get; init; }

    /// <summary>True for an SSLv2-compatible ClientHello (RFC 5246 appendix E.2).</summary>
    public bool IsSslv2Format { get; init; }

    /// <summary>Highest version offered: the supported_versions maximum, else legacy_version.</summary>
    public ushort HighestVersion =>
        SupportedVersions.Where(v => !TlsVersion.IsGrease(v)).DefaultIfEmpty(LegacyVersion).Max();
}
