namespace WinRmExtcap.Dissection.Reporting;

/// <summary>
/// What a saved listener configuration file says: certificates configured, and what could not be
/// read.
/// </summary>
/// <param name="Certificates">Every HTTPS listener and SSL binding found, in file order.</param>
/// <param name="Warnings">Entries that were found but could not be used, one line each.</param>
public sealed record ListenerConfiguration(
    IReadOnlyList<ConfiguredCertificate> Certificates,
    IReadOnlyList<string> Warnings)
{
    public static ListenerConfiguration Empty { get; } = new([], []);

    /// <summary>Joins several files' configurations.</summary>
    public static ListenerConfiguration Combine(IEnumerable<ListenerConfiguration> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        return new ListenerConfiguration(
            list.SelectMany(part => part.Certificates).ToArray(),
            list.SelectMany(part => part.Warnings).ToArray());
    }
}
