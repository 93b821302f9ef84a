using System.CommandLine;

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
}
