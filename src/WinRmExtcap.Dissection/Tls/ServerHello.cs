namespace WinRmExtcap.Dissection.Tls;

/// <summary>What a ServerHello (or HelloRetryRequest) chose.</summary>
public sealed record ServerHello
{
    public required ushort LegacyVersion { get; init; }

    public required byte[] Random { get; init; }

    public required byte[] SessionId { get; init; }

    public required ushort CipherSuite { get; init; }

    /// <summary>Extension types in wire order.</summary>
    public required IReadOnlyList<ushort> ExtensionTypes { get; init; }

    /// <summary>The supported_versions choice (TLS 1.3), or null.</summary>
    public ushort? SelectedVersion { get; init; }

    public string? Alpn { get; init; }

    /// <summary>True when this is a HelloRetryRequest (RFC 8446 section 4.1.3 special random).</summary>
    public bool IsHelloRetryRequest { get; init; }

    /// <summary>The negotiated version: supported_versions if present, else legacy_version.</summary>
    public ushort NegotiatedVersion => SelectedVersion ?? LegacyVersion;
}
