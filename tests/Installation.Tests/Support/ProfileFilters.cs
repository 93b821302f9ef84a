namespace Installation.Tests.Support;

/// <summary>The display filters a profile's files hold, read the way Wireshark reads them.</summary>
internal static class ProfileFilters
{
    public static string ProfileFolder =>
        Path.Combine(WinRmExtcap.TestSupport.RepositoryPaths.Root, "profiles", "WinRM");

    /// <summary>dfilter_buttons is a UAT: "enabled","label","filter","comment", quotes escaped as \x22.</summary>
    public static IReadOnlyList<(string Label, string Filter)> Buttons() =>
        DataLines("dfilter_buttons")
            .Select(SplitQuotedFields)
            .Select(fields => (fields[1], fields[2]))
            .ToList();

    /// <summary>colorfilters: @name@filter@[background][foreground]; a leading ! disables a rule.</summary>
    public static IReadOnlyList<(string Name, string Filter)> ColourRules() =>
        DataLines("colorfilters")
            .Select(line => line.TrimStart('!').Split('@'))
            .Select(parts => (parts[1], parts[2]))
            .ToList();

    /// <summary>dfilters: "name" filter.</summary>
    public static IReadOnlyList<(string Name, string Filter)> SavedFilters() =>
        DataLines("dfilters")
            .Select(line => (line[1..line.IndexOf('"', 1)], line[(line.IndexOf('"', 1) + 1)..].Trim()))
            .ToList();

    private static IEnumerable<string> DataLines(string fileName) =>
        File.ReadAllLines(Path.Combine(ProfileFolder, fileName))
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

    private static string[] SplitQuotedFields(string line) =>
        line.Split("\",\"")
            .Select(field => field.Trim('"').Replace("\\x22", "\"", StringComparison.Ordinal))
            .ToArray();
}
