namespace WinRmExtcap.Dissection.Reporting;

public static partial class ListenerConfigurationParser
{
    private const string ListenerHeading = "Listener";
    private const string WinRmSeparator = " = ";

    /// <summary>
    /// <c>winrm enumerate winrm/config/listener</c>: a line <c>Listener</c> (or <c>Listener
    /// [Source="GPO"]</c>) at the left margin, then indented <c>Name = Value</c> lines; a property
    /// without a value is its bare name (<c>Hostname</c>).
    /// </summary>
    private static void ParseWinRmEnumerate(string[] lines, string name, List<ConfiguredCertificate> certificates,
        List<string> warnings)
    {
        Dictionary<string, string>? properties = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (IsListenerHeading(line))
            {
                Flush(properties, start);
                properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                start = i;
                continue;
            }
            if (properties is null || line.Length == 0)
            {
                continue;
            }
            if (!char.IsWhiteSpace(line[0]))
            {
                // Something at the left margin that is not a listener ends the listing.
                Flush(properties, start);
                properties = null;
                continue;
            }
            var separator = line.IndexOf(WinRmSeparator, StringComparison.Ordinal);
            var key = separator < 0 ? line.Trim() : line[..separator].Trim();
            properties[key] = separator < 0 ? string.Empty : line[(separator + WinRmSeparator.Length)..];
        }
        Flush(properties, start);

        void Flush(Dictionary<string, string>? listener, int lineIndex)
        {
            if (listener is not null)
            {
                AddListener(listener, ConfigurationSource.WinRmListener, Where(name, lineIndex), certificates,
                    warnings);
            }
        }
    }

    private static bool IsListenerHeading(string line) =>
        line == ListenerHeading
        || (line.StartsWith(ListenerHeading + " [", StringComparison.Ordinal) && line.EndsWith(']'));
}
