using Microsoft.Extensions.Logging;

namespace WinRmExtcap.Options;

/// <summary>The values of the Debug group's log-level selector and the levels they mean.</summary>
internal static class LogVerbosity
{
    public const string DefaultName = "information";

    public static IReadOnlyList<(string Name, string Display, LogLevel Level)> Choices { get; } =
    [
        ("error", "Errors only", LogLevel.Error),
        ("warning", "Warnings", LogLevel.Warning),
        (DefaultName, "Information (one line per capture and certificate)", LogLevel.Information),
        ("debug", "Debug (control messages, saved files)", LogLevel.Debug),
        ("trace", "Trace (one line per packet)", LogLevel.Trace),
    ];

    public static bool TryParse(string name, out LogLevel level)
    {
        foreach (var choice in Choices)
        {
            if (string.Equals(choice.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                level = choice.Level;
                return true;
            }
        }
        level = LogLevel.None;
        return false;
    }
}
