using WinRmExtcap.TestSupport.RealTraffic;

namespace WinRmExtcap.Tests.EndToEnd;

/// <summary>
/// Real handshakes on loopback: TLS 1.2 by default, so certificates travel in clear text, or
/// TLS 1.3, which encrypts them.
/// </summary>
internal static class TlsTraffic
{
    /// <summary>Starts an openssl server presenting <paramref name="certificate"/>, connects once, stops it.</summary>
    public static async Task HandshakeAsync(TestCertificate certificate, int port, bool tls13 = false,
        string? keyLogPath = null)
    {
        await using var server = await OpensslServer.StartAsync(new OpensslServerOptions
        {
            Certificate = certificate,
            Port = port,
            ExtraArguments = [tls13 ? "-tls1_3" : "-tls1_2"],
        });
        var client = await OpensslClient.ConnectAsync(
            new OpensslClientOptions { Port = port, KeyLogPath = keyLogPath });
        if (!client.HandshakeCompleted)
        {
            throw new InvalidOperationException($"TLS handshake on port {port} failed: {client.StandardError}");
        }
        await server.StopAsync();
    }
}
