using System.Globalization;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A real <c>openssl s_server</c> that accepts TLS connections until stopped. <see cref="StartAsync"/>
/// returns once the server listens. Disposing stops it.
/// </summary>
public sealed class OpensslServer : IDisposable, IAsyncDisposable
{
    // s_server prints this line each time it is ready for the next connection.
    private const string AcceptingMarker = "ACCEPT";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly ExternalProcess process;

    private OpensslServer(OpensslServerOptions options, ExternalProcess process)
    {
        Options = options;
        this.process = process;
    }

    /// <summary>The options the server was started with.</summary>
    public OpensslServerOptions Options { get; }

    /// <summary>What the server wrote so far: one ACCEPT per connection, errors, received data.</summary>
    public string Output => process.StandardOutput + process.StandardError;

    /// <summary>Starts s_server and waits until it accepts connections.</summary>
    /// <exception cref="InvalidOperationException">The server exited or did not listen in time.</exception>
    public static async Task<OpensslServer> StartAsync(OpensslServerOptions options)
    {
        var arguments = new List<string>
        {
            "s_server",
            "-accept", OpensslEndpoint.Format(options.Address, options.Port),
            "-cert", options.Certificate.CertificatePath,
            "-key", options.Certificate.KeyPath,
        };
        if (options.SendChain && options.Certificate.SentChain.Count > 1)
        {
            arguments.AddRange(["-cert_chain", options.Certificate.ChainPath]);
        }
        if (options.RequiredClientAuthorityPath is string authorities)
        {
            arguments.AddRange(["-Verify", "1", "-CAfile", authorities]);
        }
        if (options.AnswerHttp)
        {
            arguments.Add("-www");
        }
        arguments.AddRange(options.ExtraArguments);

        ExternalProcess process = options.Namespace is null
            ? ExternalProcess.Start("openssl", arguments)
            : options.Namespace.Start("openssl", arguments);
        var server = new OpensslServer(options, process);
        if (!await process.WaitForOutputAsync(AcceptingMarker, options.StartTimeout))
        {
            string output = server.Output.Trim();
            server.Dispose();
            string port = options.Port.ToString(CultureInfo.InvariantCulture);
            throw new InvalidOperationException($"openssl s_server on port {port} did not start: {output}");
        }
        return server;
    }

    /// <summary>Stops the server with SIGTERM and waits for it, killing it if it does not exit in time.</summary>
    public async Task StopAsync()
    {
        process.Terminate();
        await process.WaitForExitAsync(StopTimeout);
        process.Dispose();
    }

    /// <summary>Kills the server if it is still running.</summary>
    public void Dispose() => process.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
