namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>One <c>openssl s_client</c> connection: where to, how to shake hands, what to send.</summary>
public sealed record OpensslClientOptions
{
    /// <summary>The server address: <c>127.0.0.1</c>, <c>::1</c>, or a namespace address.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The server's TCP port.</summary>
    public int Port { get; init; } = 5986;

    /// <summary>The SNI host name (<c>-servername</c>), or null to send none.</summary>
    public string? ServerName { get; init; }

    /// <summary>Where to save the session for a later resumption (<c>-sess_out</c>), or null.</summary>
    public string? SessionOutPath { get; init; }

    /// <summary>A saved session to resume (<c>-sess_in</c>), or null.</summary>
    public string? SessionInPath { get; init; }

    /// <summary>A client certificate to offer when the server asks (<c>-cert</c>, <c>-key</c>), or null.</summary>
    public TestCertificate? ClientCertificate { get; init; }

    /// <summary>Where to append the NSS key log (<c>-keylogfile</c>), so tshark can decrypt, or null.</summary>
    public string? KeyLogPath { get; init; }

    /// <summary>Trusted authorities (<c>-CAfile</c>), or null for the system store.</summary>
    public string? TrustedAuthorityPath { get; init; }

    /// <summary>True to abort the handshake with an alert when the server certificate does not verify.</summary>
    public bool VerifyReturnError { get; init; }

    /// <summary>
    /// Further s_client arguments, for example <c>-tls1_2</c>, <c>-tls1_3</c>,
    /// <c>-ciphersuites TLS_AES_128_GCM_SHA256</c>, or <c>-groups X25519:P-256</c> (which makes a
    /// server limited to P-256 answer with a HelloRetryRequest).
    /// </summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The request sent once the handshake is done; null sends <see cref="WsmanRequest.Build"/>.</summary>
    public string? Request { get; init; }

    /// <summary>How long to keep the connection open after sending, for the answer and session tickets.</summary>
    public TimeSpan ResponseWait { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound on the whole connection; the client is killed after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The namespace to run in, or null for the host.</summary>
    public NetworkNamespace? Namespace { get; init; }
}
