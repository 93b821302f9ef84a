namespace WinRmCerts;

/// <summary>One input that could not be read completely, for machine-readable output.</summary>
/// <param name="Capture">The input as named on the command line ("standard input" for -).</param>
/// <param name="Code">InputError (nothing read) or InputDamaged (read up to the damage).</param>
/// <param name="Reason">The same reason the one-line message on standard error gives.</param>
public sealed record InputProblem(string Capture, ExitCode Code, string Reason);
