using System.Buffers.Binary;
using WinRmExtcap.TestSupport;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

/// <summary>
/// The two TCP byte streams of the first connection in a capture, as tshark reassembles the
/// payloads, and the records and hello fields the decryption tests need from them. A stand-in
/// for the TLS stream parser, so the decryption core can be tested on real captures alone.
/// </summary>
internal sealed class CapturedTlsConnection
{
    public const byte ChangeCipherSpecContentType = 20;
    public const byte HandshakeContentType = 22;
    public const byte ApplicationDataContentType = 23;

    private const int RecordHeaderLength = 5;
    private const int RecordLengthOffset = 3;
    private const int HandshakeHeaderLength = 4;
    private const int LegacyVersionLength = 2;
    private const int RandomOffset = RecordHeaderLength + HandshakeHeaderLength + LegacyVersionLength;
    private const int RandomLength = 32;
    private const int SessionIdLengthOffset = RandomOffset + RandomLength;

    private CapturedTlsConnection(byte[] clientBytes, byte[] serverBytes)
    {
        ClientBytes = clientBytes;
        ServerBytes = serverBytes;
    }

    /// <summary>What the client sent, in order.</summary>
    public byte[] ClientBytes { get; }

    /// <summary>What the server sent, in order.</summary>
    public byte[] ServerBytes { get; }

    /// <summary>legacy random of the ClientHello in the first client record.</summary>
    public byte[] ClientRandom => ClientBytes.AsSpan(RandomOffset, RandomLength).ToArray();

    /// <summary>cipher_suite of the ServerHello in the first server record.</summary>
    public ushort ServerCipherSuite
    {
        get
        {
            var sessionIdLength = ServerBytes[SessionIdLengthOffset];
            var cipherSuiteOffset = SessionIdLengthOffset + sizeof(byte) + sessionIdLength;
            return BinaryPrimitives.ReadUInt16BigEndian(ServerBytes.AsSpan(cipherSuiteOffset));
        }
    }

    /// <summary>Reads the first TCP stream of <paramref name="capturePath"/> with tshark.</summary>
    public static CapturedTlsConnection Read(string capturePath)
    {
        var result = ProcessRunner.Run("tshark",
            ["-r", capturePath, "-Y", "tcp.stream == 0 && tcp.len > 0", "-T", "fields",
             "-e", "tcp.srcport", "-e", "tcp.payload"]);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var client = new List<byte>();
        var server = new List<byte>();
        string? clientPort = null;
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            clientPort ??= fields[0];
            var payload = Convert.FromHexString(fields[1].Replace(":", string.Empty, StringComparison.Ordinal));
            (fields[0] == clientPort ? client : server).AddRange(payload);
        }
        return new CapturedTlsConnection([.. client], [.. server]);
    }

    /// <summary>The complete records of <paramref name="stream"/> as (header, payload) pairs.</summary>
    public static List<(byte[] Header, byte[] Payload)> Records(byte[] stream)
    {
        var records = new List<(byte[] Header, byte[] Payload)>();
        var offset = 0;
        while (offset + RecordHeaderLength <= stream.Length)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(stream.AsSpan(offset + RecordLengthOffset));
            if (offset + RecordHeaderLength + length > stream.Length)
            {
                break;
            }
            records.Add((stream[offset..(offset + RecordHeaderLength)],
                stream[(offset + RecordHeaderLength)..(offset + RecordHeaderLength + length)]));
            offset += RecordHeaderLength + length;
        }
        return records;
    }
}
