namespace WinRmExtcap.Dissection.Certificates;

/// <summary>The validity of a certificate judged at a given instant.</summary>
/// <param name="Status">Valid, expired, not yet valid, or undecodable.</param>
/// <param name="At">The instant it was judged at.</param>
/// <param name="WholeDaysLeft">For a valid certificate, whole days until it expires.</param>
/// <param name="WholeDaysExpired">For an expired certificate, whole days since it expired.</param>
public readonly record struct ValidityVerdict(ValidityStatus Status, DateTimeOffset At, int WholeDaysLeft,
    int WholeDaysExpired)
{
    /// <summary>Judges <paramref name="certificate"/> at <paramref name="at"/>, never at analysis time.</summary>
    public static ValidityVerdict Of(CertificateRecord certificate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.NotBefore is not { } notBefore || certificate.NotAfter is not { } notAfter)
        {
            return new ValidityVerdict(ValidityStatus.Undecodable, at, 0, 0);
        }
        if (at < notBefore)
        {
            return new ValidityVerdict(ValidityStatus.NotYetValid, at, 0, 0);
        }
        if (at > notAfter)
        {
            return new ValidityVerdict(ValidityStatus.Expired, at, 0, (int)(at - notAfter).TotalDays);
        }
        return new ValidityVerdict(ValidityStatus.Valid, at, (int)(notAfter - at).TotalDays, 0);
    }

    /// <summary>The lower-case word used in comments and reports: valid, expired, not-yet-valid, undecodable.</summary>
    public string Word => Status switch
    {
        ValidityStatus.Valid => "valid",
        ValidityStatus.Expired => "expired",
        ValidityStatus.NotYetValid => "not-yet-valid",
        _ => "undecodable",
    };
}
