namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// Runs one real <c>openssl s_client</c> connection: handshake, a WinRM-style <c>POST /wsman</c>,
/// a short wait for the answer, then close. Every step is bounded by the options' timeout.
/// </summary>
public static class OpensslClient
{
    // s_client prints the session summary, ending in the verify result, once the handshake is over.
    private const string HandshakeDoneMarker = "Verify return code:";

    /// <summary>Makes the connection and returns what s_client reported; never throws on a failed handshake.</summary>
    /// <exception cref="TimeoutException">
    /// s_client did not finish within <see cref="OpensslClientOptions.Timeout"/>.
    /// </exception>
    public static async Task<OpensslClientResult> ConnectAsync(OpensslClientOptions options)
    {
        List<string> arguments = BuildArguments(options);
        using ExternalProcess process = options.Namespace is null
            ? ExternalProcess.Start("openssl", arguments)
            : options.Namespace.Start("openssl", arguments);

        bool handshakeDone = await process.WaitForOutputAsync(HandshakeDoneMarker, options.Timeout);
        if (handshakeDone && !process.HasExited)
        {
            string host = options.ServerName ?? options.Address;
            try
            {
                process.WriteInput(options.Request ?? WsmanRequest.Build(host, options.Port));
            }
            catch (IOException)
            {
                // s_client exited between its handshake line and our write (the server closed
                // the connection, as in the failed-handshake scenarios): nothing left to send.
            }
            await process.WaitForExitAsync(options.ResponseWait);
        }
        if (!process.HasExited)
        {
            // End of input makes s_client send close_notify and close the connection.
            try
            {
                process.CloseInput();
            }
            catch (IOException)
            {
                // Exited meanwhile; see above.
            }
        }
        if (!await process.WaitForExitAsync(options.Timeout))
        {
            throw new TimeoutException(
                $"openssl s_client to {options.Address} did not finish within {options.Timeout}");
        }
        return new OpensslClientResult(process.ExitCode, process.StandardOutput, process.StandardError);
    }

    private static List<string> BuildArguments(OpensslClientOptions options)
    {
        var arguments = new List<string>
        {
            "s_client", "-connect", OpensslEndpoint.Format(options.Address, options.Port),
        };
        if (options.ServerName is string serverName)
        {
            arguments.AddRange(["-servername", serverName]);
        }
        else
        {
            arguments.Add("-noservername");
        }
        if (options.SessionOutPath is string sessionOut)
        {
            arguments.AddRange(["-sess_out", sessionOut]);
        }
        if (options.SessionInPath is string sessionIn)
        {
            arguments.AddRange(["-sess_in", sessionIn]);
        }
        if (options.ClientCertificate is TestCertificate client)
        {
            arguments.AddRange(["-cert", client.CertificatePath, "-key", client.KeyPath]);
        }
        if (options.KeyLogPath is string keyLog)
        {
            arguments.AddRange(["-keylogfile", keyLog]);
        }
        if (options.TrustedAuthorityPath is string authorities)
        {
            arguments.AddRange(["-CAfile", authorities]);
        }
        if (options.VerifyReturnError)
        {
            arguments.Add("-verify_return_error");
        }
        arguments.AddRange(options.ExtraArguments);
        return arguments;
    }
}
