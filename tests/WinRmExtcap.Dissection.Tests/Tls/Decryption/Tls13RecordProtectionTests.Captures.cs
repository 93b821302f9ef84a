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
        var certificate = certificates.Create(CertificateSpec.Server("winrm01.contoso.test"));
        var port = FreeLoopbackPort();
        var capturePath = folder.PathOf("tls13.pcap");
        var keyLogPath = folder.PathOf("sslkeylog");
        string[] tls13Only = ["-tls1_3", "-ciphersuites", suiteName];

        await using (var capture = await LoopbackCapture.StartAsync(
            new CaptureOptions { OutputPath = capturePath, Filter = $"tcp port {port}" }))
        {
            await using var server = await OpensslServer.StartAsync(new OpensslServerOptions
            {
                Certificate = certificate,
                Port = port,
                ExtraArguments = tls13Only,
            });
            var client = await OpensslClient.ConnectAsync(new OpensslClientOptions
            {
                Port = port,
                ServerName = "winrm01.contoso.test",
                KeyLogPath = keyLogPath,
                ExtraArguments = tls13Only,
            });
            Assert.True(client.HandshakeCompleted, client.StandardError);
            await capture.StopAsync();
        }
        var connection = CapturedTlsConnection.Read(capturePath);
        var oracle = TsharkCertificates(capturePath, keyLogPath, port);

        var flight = DecryptServerFlight(connection, KeyLog.Load(keyLogPath));

        Assert.Equal(expectedSuite, connection.ServerCipherSuite);
        Assert.Equal([EncryptedExtensionsType, CertificateType, CertificateVerifyType, FinishedType],
            HandshakeTypes(flight));
        Assert.Contains(certificate.DerHex, oracle);
        Assert.Contains(oracle, Convert.ToHexStringLower(flight));
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

        var flight = DecryptServerFlight(connection, KeyLog.Load(keyLogPath));

        Assert.Equal(expectedSuite, connection.ServerCipherSuite);
        Assert.Equal(EncryptedExtensionsType, HandshakeTypes(flight)[0]);
        Assert.Equal(FinishedType, HandshakeTypes(flight)[^1]);
        Assert.Contains(CertificateType, HandshakeTypes(flight));
        Assert.NotEmpty(oracle);
        Assert.Contains(oracle, Convert.ToHexStringLower(flight));
    }

    // What the TLS stream parser is expected to do with the server's records after the
    // ServerHello: skip change_cipher_spec, decrypt application_data records in order with the
    // server handshake traffic secret, and stop after the Finished message.
    private static byte[] DecryptServerFlight(CapturedTlsConnection connection, KeyLog keyLog)
    {
        Assert.True(keyLog.TryGetHandshakeSecrets(connection.ClientRandom, out var secrets));
        var created = Tls13RecordProtection.TryCreate(connection.ServerCipherSuite,
            secrets.ServerHandshakeTrafficSecret.Span, out var protection);
        Assert.Equal(DecryptStatus.Success, created);
        using var serverProtection = Assert.IsType<Tls13RecordProtection>(protection);

        var flight = new List<byte>();
        var destination = new byte[Tls13RecordProtection.MaxEncryptedPayloadLength];
        foreach (var (header, payload) in CapturedTlsConnection.Records(connection.ServerBytes).Skip(1))
        {
            if (header[0] == CapturedTlsConnection.ChangeCipherSpecContentType)
            {
                continue;
            }
            var status = serverProtection.TryDecrypt(header, payload, destination,
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
