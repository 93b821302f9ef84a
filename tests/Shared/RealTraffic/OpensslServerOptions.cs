namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>How an <see cref="OpensslServer"/> listens and what it presents.</summary>
public sealed record OpensslServerOptions
{
    /// <summary>The certificate presented; its intermediate issuers are sent with it.</summary>
    public required TestCertificate Certificate { get; init; }

    /// <summary>The address to listen on: <c>127.0.0.1</c>, <c>::1</c>, or a namespace address.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; WinRM over HTTPS uses 5986.</summary>
    public int Port { get; init; } = 5986;

    /// <summary>True to send the intermediate certificates after the leaf (<c>-cert_chain</c>).</summary>
    public bool SendChain { get; init; } = true;

    /// <summary>
    /// A PEM bundle of authorities to demand a client certificate from (<c>-Verify 1 -CAfile</c>),
    /// or null to not ask for one.
    /// </summary>
    public string? RequiredClientAuthorityPath { get; init; }

    /// <summary>True to answer HTTP GET requests with a status page (<c>-www</c>).</summary>
    public bool AnswerHttp { get; init; }

    /// <summary>
    /// Further s_server arguments, for example <c>-tls1_2</c>, <c>-no_tls1_3</c>, <c>-groups P-256</c>.
    /// </summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>The namespace to run in, or null for the host.</summary>
    public NetworkNamespace? Namespace { get; init; }

    /// <summary>How long to wait for the server to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
