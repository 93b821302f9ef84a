namespace WinRmExtcap.Dissection.Reporting;

/// <summary>What a server's move to another certificate looks like.</summary>
public enum CertificateChange : byte
{
    /// <summary>The first certificate this server was seen presenting.</summary>
    First,

    /// <summary>A new certificate with the same subject and issuer that is valid until later.</summary>
    Renewal,

    /// <summary>A new certificate with another subject or issuer (or same names and no later validity).</summary>
    Replacement,

    /// <summary>A certificate this server presented before, and then stopped presenting, came back.</summary>
    Rollback,
}
