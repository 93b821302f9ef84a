using Microsoft.Extensions.Logging.Abstractions;

namespace WinRmCerts.Tests.Probe;

/// <summary>Runs <c>winrm-certs</c> through its real command-line parser, in process, capturing output.</summary>
public static class ProbeCli
{
    /// <summary>The exit code and what was written to standard output and standard error.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public IReadOnlyList<string> StdoutLines =>
            Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var output = new CommandOutput(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr), false);
        var root = CommandLine.Create(output, NullLoggerFactory.Instance);

        var code = await root.Parse(arguments).InvokeAsync();

        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
