using System.Globalization;

namespace WinRmCerts.Probing;

/// <summary>
/// Reads durations as users type them: <c>500ms</c>, <c>10s</c>, <c>5m</c>, <c>1h</c>, <c>1d</c>,
/// or a plain number of seconds.
/// </summary>
public static class DurationText
{
    private static readonly (string Suffix, double Seconds)[] Units =
    [
        ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86_400),
    ];

    /// <summary>Returns false when <paramref name="text"/> is not a positive duration in those forms.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text?.Trim().ToLowerInvariant() ?? string.Empty;
        var scale = 1.0;
        var number = trimmed;
        foreach (var (suffix, seconds) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.Ordinal)
                && (suffix != "s" || !trimmed.EndsWith("ms", StringComparison.Ordinal)))
            {
                scale = seconds;
                number = trimmed[..^suffix.Length];
                break;
            }
        }
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value <= 0 || value * scale > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }
}
