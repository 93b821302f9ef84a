using System.CommandLine;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmCerts.Commands;

/// <summary>Arguments and options several commands share, so they read the same everywhere.</summary>
public static class SharedOptions
{
    public static Argument<string[]> Captures() => new("captures")
    {
        Description = "Capture files (pcap, pcapng, gzip-compressed either); - reads standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<ushort[]> Ports() => new("--port", "-p")
    {
        Description = "Only look at TCP connections on these ports (repeatable). Default: TLS on any port.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static IReadOnlySet<ushort> ToPortSet(ushort[]? ports) => new HashSet<ushort>(ports ?? []);

    public static Option<FileInfo?> KeyLog() => new("--keylog")
    {
        Description = "NSS key log (SSLKEYLOGFILE) to read TLS 1.3 certificates; "
            + "pcapng-embedded secrets are used anyway.",
    };

    /// <summary>
    /// Loads the key log the user named, or the empty one. A file that cannot be read is a user
    /// error; malformed lines are reported once on <paramref name="error"/> and skipped.
    /// </summary>
    public static KeyLog LoadKeyLog(FileInfo? file, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (file is null)
        {
            return WinRmExtcap.Dissection.Tls.Decryption.KeyLog.Empty;
        }
        KeyLog keyLog;
        try
        {
            keyLog = WinRmExtcap.Dissection.Tls.Decryption.KeyLog.Load(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException(
                $"{file.FullName}: cannot read the key log: {FileProblem.Describe(e, file.FullName)}", e);
        }
        if (keyLog.MalformedLineCount > 0)
        {
            error.WriteLine($"winrm-certs: warning: {file.FullName}: {keyLog.MalformedLineCount} malformed line(s) "
                + $"skipped, the first at line {keyLog.FirstMalformedLineNumber}");
        }
        if (keyLog.EntryCount == 0)
        {
            error.WriteLine($"winrm-certs: warning: {file.FullName}: no usable key log entries");
        }
        return keyLog;
    }
}
