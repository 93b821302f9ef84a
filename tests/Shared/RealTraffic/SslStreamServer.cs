using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// A TLS server built on .NET <see cref="SslStream"/> that answers each request the way an
/// unauthenticated WinRM listener does (HTTP 401 asking for Negotiate). The presented certificate
/// can be switched between connections, to replay a renewal or a rollback (A, then B, then A).
/// </summary>
public sealed class SslStreamServer : IAsyncDisposable, IDisposable
{
    private const int RequestBufferLength = 16 * 1024;
    private const string HeaderTerminator = "\r\n\r\n";
    private const string UnauthorizedResponse =
        "HTTP/1.1 401 \r\nServer: Microsoft-HTTPAPI/2.0\r\nWWW-Authenticate: Negotiate\r\n"
        + "Content-Length: 0\r\n\r\n";

    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task acceptLoop;
    private readonly SslProtocols protocols;
    private SslStreamCertificateContext presented;
    private TestCertificate presentedCertificate;
    private int completedHandshakes;
    private int failedHandshakes;

    private SslStreamServer(TcpListener listener, TestCertificate certificate, SslProtocols protocols)
    {
        this.listener = listener;
        this.protocols = protocols;
        presentedCertificate = certificate;
        presented = CreateContext(certificate);
        acceptLoop = AcceptLoopAsync(stopping.Token);
    }

    /// <summary>The address and port the server listens on.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>The certificate the next connection is shown; setting it affects only later connections.</summary>
    public TestCertificate PresentedCertificate
    {
        get => Volatile.Read(ref presentedCertificate);
        set
        {
            Volatile.Write(ref presented, CreateContext(value));
            Volatile.Write(ref presentedCertificate, value);
        }
    }

    /// <summary>Handshakes that finished.</summary>
    public int CompletedHandshakes => Volatile.Read(ref completedHandshakes);

    /// <summary>Handshakes that failed (the client aborted or spoke no TLS).</summary>
    public int FailedHandshakes => Volatile.Read(ref failedHandshakes);

    /// <summary>
    /// Starts listening on <paramref name="address"/> (a loopback address) and
    /// <paramref name="port"/>, 0 for any free port.
    /// </summary>
    public static SslStreamServer Start(
        TestCertificate certificate,
        IPAddress address,
        int port = 0,
        SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13)
    {
        var listener = new TcpListener(address, port);
        listener.Start();
        return new SslStreamServer(listener, certificate, protocols);
    }

    /// <summary>Stops accepting and waits for connections in progress to end.</summary>
    public async Task StopAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }
        await stopping.CancelAsync();
        listener.Stop();
        await acceptLoop.WaitAsync(StopTimeout).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc cref="StopAsync"/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stopping.Dispose();
    }

    /// <inheritdoc cref="StopAsync"/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static SslStreamCertificateContext CreateContext(TestCertificate certificate)
    {
        var intermediates = new X509Certificate2Collection();
        foreach (TestCertificate issuer in certificate.SentChain.Skip(1))
        {
            intermediates.Add(issuer.Certificate);
        }
        return SslStreamCertificateContext.Create(certificate.Certificate, intermediates, offline: true);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellation)
    {
        var connections = new List<Task>();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                TcpClient client = await listener.AcceptTcpClientAsync(cancellation);
                connections.Add(ServeAsync(client, Volatile.Read(ref presented), cancellation));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (SocketException)
        {
            // The listener was stopped while accepting.
        }
        await Task.WhenAll(connections).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task ServeAsync(TcpClient client, SslStreamCertificateContext context, CancellationToken cancellation)
    {
        using var connectionTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        connectionTimeout.CancelAfter(ConnectionTimeout);
        using (client)
        await using (var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false))
        {
            try
            {
                var options = new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = context,
                    EnabledSslProtocols = protocols,
                    ClientCertificateRequired = false,
                };
                await tls.AuthenticateAsServerAsync(options, connectionTimeout.Token);
                Interlocked.Increment(ref completedHandshakes);

                await ReadRequestHeadAsync(tls, connectionTimeout.Token);
                await tls.WriteAsync(Encoding.ASCII.GetBytes(UnauthorizedResponse), connectionTimeout.Token);
                await tls.ShutdownAsync();
            }
            catch (Exception error) when (error is AuthenticationException or IOException
                or OperationCanceledException)
            {
                if (!tls.IsAuthenticated)
                {
                    Interlocked.Increment(ref failedHandshakes);
                }
            }
        }
    }

    private static async Task ReadRequestHeadAsync(SslStream tls, CancellationToken cancellation)
    {
        byte[] buffer = new byte[RequestBufferLength];
        int received = 0;
        while (received < buffer.Length)
        {
            int read = await tls.ReadAsync(buffer.AsMemory(received), cancellation);
            if (read == 0)
            {
                return;
            }
            received += read;
            if (Encoding.ASCII.GetString(buffer, 0, received).Contains(HeaderTerminator, StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
