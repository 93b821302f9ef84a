namespace WinRmExtcap;

/// <summary>
/// A mistake in the command line or in an option value. Its message is the one line the user sees
/// (Wireshark shows standard error in its error dialog), and <see cref="ExitCode"/> is what the
/// process returns.
/// </summary>
internal sealed class ExtcapUsageException : Exception
{
    public ExtcapUsageException(string message, ExitCode exitCode = ExitCode.UsageError)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public ExtcapUsageException()
        : this("invalid command line")
    {
    }

    public ExtcapUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCode.UsageError;
    }

    public ExitCode ExitCode { get; }
}
