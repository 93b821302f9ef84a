namespace WinRmExtcap.Protocol;

/// <summary>
/// A command line as Wireshark passes it to an extcap: flags, <c>--option value</c> and
/// <c>--option=value</c> pairs. Unknown options are kept, not rejected, because newer Wireshark
/// releases add calls that older extcaps must survive.
/// </summary>
internal sealed class ExtcapArguments
{
    private const string OptionPrefix = "--";
    private const char ValueSeparator = '=';

    /// <summary>Options that never take a value.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal)
    {
        ExtcapArgumentNames.Interfaces,
        ExtcapArgumentNames.Dlts,
        ExtcapArgumentNames.Config,
        ExtcapArgumentNames.Capture,
        "--help",
    };

    /// <summary>Options whose value may be omitted (Wireshark's boolflag form) and then mean true.</summary>
    private static readonly HashSet<string> Booleans = new(StringComparer.Ordinal)
    {
        Options.OptionNames.Annotate,
    };

    private static readonly HashSet<string> BooleanWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "1", "0", "on", "off",
    };

    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly List<string> _stray = [];

    private ExtcapArguments()
    {
    }

    /// <summary>Tokens that are neither an option nor an option's value.</summary>
    public IReadOnlyList<string> Stray => _stray;

    /// <summary>Every option that carried a value, the last occurrence winning.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    public ExtcapCall Call
    {
        get
        {
            if (HasFlag(ExtcapArgumentNames.Capture))
            {
                return ExtcapCall.Capture;
            }
            if (HasFlag(ExtcapArgumentNames.Interfaces))
            {
                return ExtcapCall.Interfaces;
            }
            if (HasFlag(ExtcapArgumentNames.Dlts))
            {
                return ExtcapCall.Dlts;
            }
            if (HasFlag(ExtcapArgumentNames.Config))
            {
                return ExtcapCall.Config;
            }
            return _values.ContainsKey(ExtcapArgumentNames.CaptureFilter)
                ? ExtcapCall.ValidateCaptureFilter
                : ExtcapCall.None;
        }
    }

    public string? Interface => ValueOf(ExtcapArgumentNames.Interface);

    public string? CaptureFilter => ValueOf(ExtcapArgumentNames.CaptureFilter);

    public string? Fifo => ValueOf(ExtcapArgumentNames.Fifo);

    /// <summary>The pipe Wireshark writes toolbar messages to; the extcap reads it.</summary>
    public string? ControlIn => ValueOf(ExtcapArgumentNames.ControlIn);

    /// <summary>The pipe the extcap writes toolbar messages to; Wireshark reads it.</summary>
    public string? ControlOut => ValueOf(ExtcapArgumentNames.ControlOut);

    /// <summary>The call, without its dashes, of the selector Wireshark asks to reload.</summary>
    public string? ReloadOption => ValueOf(ExtcapArgumentNames.ReloadOption);

    public bool HasFlag(string name) => _flags.Contains(name);

    /// <summary>The value of <paramref name="name"/>, or null when it is absent or empty.</summary>
    public string? ValueOf(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Reads the tokens; never throws, whatever they are.</summary>
    public static ExtcapArguments Parse(IReadOnlyList<string> tokens)
    {
        var arguments = new ExtcapArguments();
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (!token.StartsWith(OptionPrefix, StringComparison.Ordinal) || token.Length == OptionPrefix.Length)
            {
                arguments._stray.Add(token);
                continue;
            }

            var separator = token.IndexOf(ValueSeparator, StringComparison.Ordinal);
            if (separator > 0)
            {
                arguments._values[token[..separator]] = token[(separator + 1)..];
                continue;
            }

            if (Flags.Contains(token))
            {
                arguments._flags.Add(token);
                continue;
            }

            var next = index + 1 < tokens.Count ? tokens[index + 1] : null;
            if (Booleans.Contains(token) && (next is null || !BooleanWords.Contains(next)))
            {
                arguments._values[token] = bool.TrueString;
                continue;
            }
            if (next is null || next.StartsWith(OptionPrefix, StringComparison.Ordinal))
            {
                arguments._flags.Add(token);
                continue;
            }

            arguments._values[token] = next;
            index++;
        }
        return arguments;
    }
}
