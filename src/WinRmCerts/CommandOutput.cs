namespace WinRmCerts;

/// <summary>The writers a command handler prints to, so tests can capture them.</summary>
/// <param name="Out">Results (tables, JSON, CSV).</param>
/// <param name="Error">One-line errors and warnings, and the progress indicator.</param>
/// <param name="ErrorIsTerminal">True when <paramref name="Error"/> is an interactive terminal.</param>
public sealed record CommandOutput(TextWriter Out, TextWriter Error, bool ErrorIsTerminal)
{
    public static CommandOutput Console { get; } =
        new(System.Console.Out, System.Console.Error, !System.Console.IsErrorRedirected);
}
