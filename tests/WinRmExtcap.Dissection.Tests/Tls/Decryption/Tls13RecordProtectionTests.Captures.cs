using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using WinRmExtcap.Dissection.Tls.Decryption;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

// The server's handshake flight of real TLS 1.3 connections: ones made here between openssl
// s_server and s_client on 127.0.0.1 and captured with tcpdump, and ones in the public corpus.
// tshark, given the same key log, is the oracle for the certificate bytes.
public sealed partial class Tls13RecordProtectionTests
{
    private const byte EncryptedExtensionsType = 8;
    private const byte CertificateType = 11;
    private const byte CertificateVerifyType = 15;
    private const byte FinishedType = 20;
    private const byte CertificateRequestType = 13;
    private const string ServerName = "winrm01.contoso.test";
    private const int HandshakeHeaderLength = 4;
    private const int HandshakeLengthOffset = 1;
    private const int Uint24Length = 3;
    private const int Uint24HighByteShift = 16;

    [RequiresTheory("tshark", "openssl", "tcpdump", "root")]
    [InlineData("TLS_AES_128_GCM_SHA256", Tls13CipherSuite.Aes128GcmSha256)]
    [InlineData("TLS_AES_256_GCM_SHA384", Tls13CipherSuite.Aes256GcmSha384)]
    [InlineData("TLS_CHACHA20_POLY1305_SHA256", Tls13CipherSuite.ChaCha20Poly1305Sha256)]
    [InlineData("TLS_AES_128_CCM_SHA256", Tls13CipherSuite.Aes128CcmSha256)]
    public async Task TryDecrypt_OpensslServerFlight_RecoversCertificateTsharkShows(
        string suiteName,
        ushort expectedSuite)
    {
        using var folder = new TemporaryFolder("winrm-tls13-decryption");
        using var certificates = new TestCertificates();
        var certificate = certificates.Create(CertificateSpec.Server(ServerName));
        string[] tls13Only = ["-tls1_3", "-ciphersuites", suiteName];
        var peers = new OpensslServerOptions { Certificate = certificate, ExtraArguments = tls13Only };
        var session = await CaptureOpensslSessionAsync(folder, peers, new() { ExtraArguments = tls13Only });
        var connection = CapturedTlsConnection.Read(session.CapturePath);
        var oracle = TsharkCertificates(session.CapturePath, session.KeyLogPath, session.Port);

        var flight = DecryptFlight(connection, connection.ServerBytes, KeyLog.Load(session.KeyLogPath),
            secrets => secrets.ServerHandshakeTrafficSecret);

        Assert.Equal(expectedSuite, connection.ServerCipherSuite);
        Assert.Equal([EncryptedExtensionsType, CertificateType, CertificateVerifyType, FinishedType],
            HandshakeTypes(flight));
        Assert.Contains(certificate.DerHex, oracle);
        Assert.Contains(oracle, Convert.ToHexStringLower(flight));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task TryDecrypt_ServerFlightAfterHelloRetryRequest_RecoversCertificate()
    {
        using var folder = new TemporaryFolder("winrm-tls13-decryption");
        using var certificates = new TestCertificates();
        var certificate = certificates.Create(CertificateSpec.Server(ServerName));
        var server = new OpensslServerOptions
        {
            Certificate = certificate,
            ExtraArguments = ["-tls1_3", "-groups", "P-256"],
        };
        var client = new OpensslClientOptions { ExtraArguments = ["-tls1_3", "-groups", "X25519:P-256"] };
        var session = await CaptureOpensslSessionAsync(folder, server, client);
        var connection = CapturedTlsConnection.Read(session.CapturePath);

        var flight = DecryptFlight(connection, connection.ServerBytes, KeyLog.Load(session.KeyLogPath),
            secrets => secrets.ServerHandshakeTrafficSecret);

        var plaintextServerHellos = CapturedTlsConnection.Records(connection.ServerBytes)
            .Count(record => record.Header[0] == CapturedTlsConnection.HandshakeContentType);
        Assert.Equal(2, plaintextServerHellos);
        Assert.Equal(EncryptedExtensionsType, HandshakeTypes(flight)[0]);
        Assert.Contains(certificate.DerHex, Convert.ToHexStringLower(flight));
    }

    [RequiresFact("tshark", "openssl", "tcpdump", "root")]
    public async Task TryDecrypt_ClientFlightWithClientCertificate_RecoversClientCertificate()
    {
        using var folder = new TemporaryFolder("winrm-tls13-decryption");
        using var certificates = new TestCertificates();
        var serverCertificate = certificates.Create(CertificateSpec.Server(ServerName));
        var clientCertificate = certificates.Create(CertificateSpec.Client("winrm-operator"));
        var server = new OpensslServerOptions
        {
            Certificate = serverCertificate,
            RequiredClientAuthorityPath = clientCertificate.CertificatePath,
            ExtraArguments = ["-tls1_3"],
        };
        var client = new OpensslClientOptions { ClientCertificate = clientCertificate, ExtraArguments = ["-tls1_3"] };
        var session = await CaptureOpensslSessionAsync(folder, server, client);
        var connection = CapturedTlsConnection.Read(session.CapturePath);
        var keyLog = KeyLog.Load(session.KeyLogPath);

        var serverFlight = DecryptFlight(connection, connection.ServerBytes, keyLog,
            secrets => secrets.ServerHandshakeTrafficSecret);
        var clientFlight = DecryptFlight(connection, connection.ClientBytes, keyLog,
            secrets => secrets.ClientHandshakeTrafficSecret);

        Assert.Contains(CertificateRequestType, HandshakeTypes(serverFlight));
        Assert.Equal([CertificateType, CertificateVerifyType, FinishedType], HandshakeTypes(clientFlight));
        Assert.Contains(clientCertificate.DerHex, Convert.ToHexStringLower(clientFlight));
    }

    [RequiresTheory("tshark")]
    [InlineData("hotplace/test/testcase/tls/tls13/tls13_TLS_AES_128_GCM_SHA256.pcapng",
        "hotplace/test/testcase/tls/tls13/sslkeylog", Tls13CipherSuite.Aes128GcmSha256)]
    [InlineData("hotplace/test/testcase/tls/tls13/tls13_TLS_AES_128_CCM_SHA256_X25519MLKEM768.pcapng",
        "hotplace/test/testcase/tls/tls13/sslkeylog", Tls13CipherSuite.Aes128CcmSha256)]
    [InlineData("illustrated-tls13/captures/capture.pcap",
        "illustrated-tls13/captures/keylog.txt", Tls13CipherSuite.Aes256GcmSha384)]
    public void TryDecrypt_CorpusServerFlight_RecoversCertificateTsharkShows(
        string capture,
        string keyLog,
        ushort expectedSuite)
    {
        var capturePath = Path.Combine(RepositoryPaths.Corpus, capture);
        var keyLogPath = Path.Combine(RepositoryPaths.Corpus, keyLog);
        var connection = CapturedTlsConnection.Read(capturePath);
        var oracle = TsharkCertificates(capturePath, keyLogPath, port: null);

        var flight = DecryptFlight(connection, connection.ServerBytes, KeyLog.Load(keyLogPath),
            secrets => secrets.ServerHandshakeTrafficSecret);

        Assert.Equal(expectedSuite, connection.ServerCipherSuite);
        Assert.Equal(EncryptedExtensionsType, HandshakeTypes(flight)[0]);
        Assert.Equal(FinishedType, HandshakeTypes(flight)[^1]);
        Assert.Contains(CertificateType, HandshakeTypes(flight));
        Assert.NotEmpty(oracle);
        Assert.Contains(oracle, Convert.ToHexStringLower(flight));
    }

    // What the TLS stream parser is expected to do with one direction's records: pass over the
    // plaintext ones (ClientHello, HelloRetryRequest, ServerHello, change_cipher_spec), decrypt
    // application_data records in order with that side's handshake traffic secret, and stop after
    // that side's Finished, where the application traffic secret takes over.
    private static byte[] DecryptFlight(
        CapturedTlsConnection connection,
        byte[] direction,
        KeyLog keyLog,
        Func<Tls13HandshakeSecrets, ReadOnlyMemory<byte>> secretOfSide)
    {
        Assert.True(keyLog.TryGetHandshakeSecrets(connection.ClientRandom, out var secrets));
        var created = Tls13RecordProtection.TryCreate(connection.ServerCipherSuite, secretOfSide(secrets).Span,
            out var protection);
        Assert.Equal(DecryptStatus.Success, created);
        using var sideProtection = Assert.IsType<Tls13RecordProtection>(protection);

        var flight = new List<byte>();
        var destination = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength];
        foreach (var (header, payload) in CapturedTlsConnection.Records(direction))
        {
            if (header[0] != CapturedTlsConnection.ApplicationDataContentType)
            {
                continue;
            }
            var status = sideProtection.TryDecrypt(header, payload, destination,
                out var length, out var type);
            Assert.Equal(DecryptStatus.Success, status);
            Assert.Equal(CapturedTlsConnection.HandshakeContentType, type);
            flight.AddRange(destination.AsSpan(0, length));
            if (HandshakeTypes([.. flight]).Contains(FinishedType))
            {
                break;
            }
        }
        return [.. flight];
    }

    // Runs one s_server / s_client connection on 127.0.0.1 under tcpdump, with a key log.
    private static async Task<(string CapturePath, string KeyLogPath, int Port)> CaptureOpensslSessionAsync(
        TemporaryFolder folder,
        OpensslServerOptions server,
        OpensslClientOptions client)
    {
        var port = FreeLoopbackPort();
        var capturePath = folder.PathOf("tls13.pcap");
        var keyLogPath = folder.PathOf("sslkeylog");

        await using var capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = capturePath, Filter = $"tcp port {port}" });
        await using var running = await OpensslServer.StartAsync(server with { Port = port });
        var result = await OpensslClient.ConnectAsync(client with
        {
            Port = port,
            ServerName = ServerName,
            KeyLogPath = keyLogPath,
        });
        Assert.True(result.HandshakeCompleted, result.StandardError);
        await capture.StopAsync();
        return (capturePath, keyLogPath, port);
    }

    // Handshake messages (RFC 8446 section 4): msg_type, uint24 length, body; complete ones only.
    private static List<byte> HandshakeTypes(byte[] messages)
    {
        var types = new List<byte>();
        var offset = 0;
        while (offset + HandshakeHeaderLength <= messages.Length)
        {
            var lengthField = messages.AsSpan(offset + HandshakeLengthOffset, Uint24Length);
            var length = (lengthField[0] << Uint24HighByteShift)
                | BinaryPrimitives.ReadUInt16BigEndian(lengthField[1..]);
            var end = offset + HandshakeHeaderLength + length;
            if (end > messages.Length)
            {
                break;
            }
            types.Add(messages[offset]);
            offset = end;
        }
        return types;
    }

    // The first certificate tshark decrypts with the key log: the oracle for the plaintext.
    private static string TsharkCertificates(string capturePath, string keyLogPath, int? port)
    {
        List<string> arguments = ["-r", capturePath, "-o", $"tls.keylog_file:{keyLogPath}"];
        if (port is int tlsPort)
        {
            arguments.AddRange(["-d", $"tcp.port=={tlsPort},tls"]);
        }
        arguments.AddRange(["-Y", "tcp.stream == 0 && tls.handshake.certificate", "-T", "fields",
            "-e", "tls.handshake.certificate"]);
        var result = ProcessRunner.Run("tshark", arguments);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var firstLine = lines.FirstOrDefault();
        var firstCertificate = (firstLine ?? string.Empty).Split(',')[0].Trim();
        return firstCertificate.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
