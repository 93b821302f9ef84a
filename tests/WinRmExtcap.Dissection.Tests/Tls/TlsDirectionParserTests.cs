using System.Text;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Tls;

public sealed partial class TlsDirectionParserTests
{
    /// <summary>
    /// SSL 2.0-format CLIENT-HELLO offering TLS 1.0 (RFC 5246 appendix E.2): 2-byte header with the
    /// high bit set, then the message.
    /// </summary>
    private static readonly byte[] Sslv2ClientHello = Hex(
        "802E",                                   // header: length 46
        "01",                                     // msg_type CLIENT-HELLO
        "0301",                                   // version TLS 1.0
        "0015",                                   // cipher_spec_length 21 (7 specs)
        "0000",                                   // session_id_length 0
        "0010",                                   // challenge_length 16
        "000039 000038 000035 000016 000013 00000A 0700C0",  // cipher specs, last one SSL 2.0 only
        "00112233445566778899AABBCCDDEEFF");      // challenge

    [Fact]
    public void OnData_ServerFlightInOneCall_ReportsThreeMessagesInOrder()
    {
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(ServerFlightSeparateRecords());

        Assert.Equal(
            [TlsHandshakeType.ServerHello, TlsHandshakeType.Certificate, TlsHandshakeType.ServerHelloDone],
            handler.Messages.Select(m => m.Type));
        Assert.Equal(CertificateBody(TestChain.Ders), handler.Messages[1].Body);
        Assert.Empty(handler.Messages[2].Body);
        Assert.Equal(3, parser.RecordCount);
        Assert.Equal(0, parser.MalformedCount);
    }

    [Fact]
    public void OnData_SeveralMessagesInOneRecord_ReportsEach()
    {
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(ServerFlightOneRecord());

        Assert.Equal(
            [TlsHandshakeType.ServerHello, TlsHandshakeType.Certificate, TlsHandshakeType.ServerHelloDone],
            handler.Messages.Select(m => m.Type));
        Assert.Equal(1, parser.RecordCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    public void OnData_HandshakeSplitAcrossManyRecords_ReassemblesMessages(int fragmentLength)
    {
        var handshake = Concat(
            Handshake(TlsHandshakeType.ServerHello, ServerHello12Body()),
            Handshake(TlsHandshakeType.Certificate, CertificateBody(TestChain.Ders)),
            Handshake(TlsHandshakeType.ServerHelloDone, []));
        var records = Concat([.. handshake.Chunk(fragmentLength).Select(f => Record(TlsContentType.Handshake, f))]);
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(records);

        Assert.Equal(Expected(ServerFlightSeparateRecords()), handler.Events);
        Assert.Equal((handshake.Length + fragmentLength - 1) / fragmentLength, parser.RecordCount);
    }

    [Theory]
    [MemberData(nameof(Flights))]
    public void OnData_EveryTwoPartSplit_ReportsSameEvents(string flightName)
    {
        var flight = Flight(flightName);
        var expected = Expected(flight);

        for (var split = 0; split <= flight.Length; split++)
        {
            var handler = new RecordingTlsHandler();
            var parser = new TlsDirectionParser(handler);

            parser.OnData(flight.AsSpan(0, split));
            parser.OnData(flight.AsSpan(split));

            Assert.Equal(expected, handler.Events);
        }
    }

    [Theory]
    [MemberData(nameof(Flights))]
    public void OnData_OneBytePieces_ReportsSameEvents(string flightName)
    {
        var flight = Flight(flightName);
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        foreach (var b in flight)
        {
            parser.OnData([b]);
        }

        Assert.Equal(Expected(flight), handler.Events);
    }

    [Theory]
    [MemberData(nameof(Flights))]
    public void OnData_EveryTruncatedPrefix_ReportsOnlyCompleteMessages(string flightName)
    {
        var flight = Flight(flightName);
        var expected = Expected(flight);

        for (var length = 0; length < flight.Length; length++)
        {
            var handler = new RecordingTlsHandler();
            var parser = new TlsDirectionParser(handler);

            parser.OnData(flight.AsSpan(0, length));

            Assert.True(handler.Events.Count < expected.Count, $"prefix {length} reported every message");
            Assert.Equal(expected.Take(handler.Events.Count), handler.Events);
        }
    }

    [Theory]
    [MemberData(nameof(Flights))]
    public void OnData_EveryLengthFieldCorrupted_NeverThrows(string flightName)
    {
        var flight = Flight(flightName);
        byte[] replacements = [0x00, 0x01, 0x7F, 0x80, 0xFF];

        foreach (var position in LengthFieldPositions(flight))
        {
            foreach (var replacement in replacements)
            {
                var corrupted = (byte[])flight.Clone();
                corrupted[position] = replacement;
                var handler = new RecordingTlsHandler();
                var parser = new TlsDirectionParser(handler);

                var thrown = Xunit.Record.Exception(() =>
                {
                    parser.OnData(corrupted);
                    parser.OnGap(10, GapCause.MissingSegment);
                    parser.OnData(corrupted);
                });

                Assert.Null(thrown);
            }
        }
    }

    [Fact]
    public void OnData_RandomBytes_NeverThrows()
    {
        var random = new Random(5986);

        for (var round = 0; round < 500; round++)
        {
            var bytes = new byte[random.Next(0, 3000)];
            random.NextBytes(bytes);
            if (round % 2 == 0 && bytes.Length >= 3)
            {
                // Half the rounds start like a handshake record so the record path is exercised.
                bytes[0] = (byte)TlsContentType.Handshake;
                bytes[1] = 3;
                bytes[2] = 3;
            }
            var handler = new RecordingTlsHandler();
            var parser = new TlsDirectionParser(handler, maxHandshakeMessageLength: 4096);

            var thrown = Xunit.Record.Exception(() =>
            {
                foreach (var piece in bytes.Chunk(random.Next(1, 200)))
                {
                    parser.OnData(piece);
                }
                parser.OnGap(random.Next(1, 100), GapCause.MissingSegment);
                parser.OnData(bytes);
            });

            Assert.Null(thrown);
        }
    }

    [Fact]
    public void OnData_RecordsAfterMarkHandshakeEncrypted_ReportedEncrypted()
    {
        var stream = Concat(EncryptedHandshakeRecord(), AlertRecord(1, 0), ApplicationDataRecord(10));
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);
        parser.OnData(ChangeCipherSpecRecord());

        parser.MarkHandshakeEncrypted();
        parser.OnData(stream);

        Assert.Equal(
            ["change-cipher-spec", "encrypted Handshake 40", "encrypted Alert 2", "encrypted ApplicationData 10"],
            handler.Events);
    }

    [Fact]
    public void OnData_HandshakeAfterChangeCipherSpecLeftInClear_StillParsed()
    {
        // TLS 1.3 (RFC 8446 appendix D.4): ChangeCipherSpec is a no-op; the handler does not
        // mark the handshake encrypted, so a following ServerHello is read in clear.
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(Concat(ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));

        Assert.Equal("change-cipher-spec", handler.Events[0]);
        Assert.DoesNotContain(handler.Events, e => e.StartsWith("encrypted Handshake", StringComparison.Ordinal));
    }

    [Fact]
    public void OnData_AlertInClear_ReportsLevelAndDescription()
    {
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(AlertRecord(2, 40));

        Assert.Equal(["alert 2 40"], handler.Events);
    }

    [Fact]
    public void OnData_MessageLongerThanLimit_CountedMalformed()
    {
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler, maxHandshakeMessageLength: 100);

        parser.OnData(Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.Certificate, new byte[101])));
        parser.OnData(Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, [])));

        Assert.Equal(1, parser.MalformedCount);
        Assert.Equal([TlsHandshakeType.ServerHelloDone], handler.Messages.Select(m => m.Type));
    }

    [Theory]
    [InlineData("16 0303 0001", true)]
    [InlineData("14 0300 4800", true)]
    [InlineData("18 0304 0001", true)]
    [InlineData("13 0303 0001", false)]     // content type below ChangeCipherSpec
    [InlineData("19 0303 0001", false)]     // content type above Heartbeat
    [InlineData("16 0203 0001", false)]     // major version 2
    [InlineData("16 0305 0001", false)]     // minor version 5
    [InlineData("16 0303 0000", false)]     // empty record
    [InlineData("16 0303 4801", false)]     // 2^14 + 2048 + 1
    public void IsPlausibleRecordHeader_Header_Judged(string header, bool expected)
    {
        var bytes = Hex(header);

        var plausible = TlsDirectionParser.IsPlausibleRecordHeader(bytes);

        Assert.Equal(expected, plausible);
    }

    public static TheoryData<string> Flights => new("separate-records", "one-record", "client-flight");

    private const int HandshakeHeaderAndRecordHeader =
        TlsDirectionParser.RecordHeaderLength + TlsDirectionParser.HandshakeHeaderLength;

    private static byte[] Flight(string name) => name switch
    {
        "separate-records" => ServerFlightSeparateRecords(),
        "one-record" => ServerFlightOneRecord(),
        _ => Concat(ClientHelloRecord(), Record(TlsContentType.Handshake,
                Handshake(TlsHandshakeType.ClientKeyExchange, Hex("41", new string('C', 130)))),
            ChangeCipherSpecRecord(), EncryptedHandshakeRecord(), ApplicationDataRecord()),
    };

    private static List<string> Expected(byte[] stream)
    {
        var handler = new RecordingTlsHandler();
        new TlsDirectionParser(handler).OnData(stream);
        return handler.Events;
    }

    private static List<int> RecordOffsets(byte[] stream)
    {
        var offsets = new List<int>();
        for (var offset = 0; offset < stream.Length; offset += TlsDirectionParser.RecordHeaderLength
                 + ((stream[offset + 3] << 8) | stream[offset + 4]))
        {
            offsets.Add(offset);
        }
        return offsets;
    }

    /// <summary>
    /// Every byte of every length field: record lengths, handshake lengths, the certificate list
    /// length and each certificate's length.
    /// </summary>
    private static IEnumerable<int> LengthFieldPositions(byte[] stream)
    {
        foreach (var record in RecordOffsets(stream))
        {
            yield return record + 3;
            yield return record + 4;
            if (stream[record] != (byte)TlsContentType.Handshake)
            {
                continue;
            }
            var end = record + TlsDirectionParser.RecordHeaderLength + ((stream[record + 3] << 8) | stream[record + 4]);
            var message = record + TlsDirectionParser.RecordHeaderLength;
            while (message + TlsDirectionParser.HandshakeHeaderLength <= end)
            {
                yield return message + 1;
                yield return message + 2;
                yield return message + 3;
                var body = message + TlsDirectionParser.HandshakeHeaderLength;
                var length = (stream[message + 1] << 16) | (stream[message + 2] << 8) | stream[message + 3];
                if (stream[message] == (byte)TlsHandshakeType.Certificate)
                {
                    for (var i = body; i < body + 3; i++)
                    {
                        yield return i;
                    }
                    var certificate = body + 3;
                    while (certificate + 3 <= body + length)
                    {
                        yield return certificate;
                        yield return certificate + 1;
                        yield return certificate + 2;
                        certificate += 3 + ((stream[certificate] << 16) | (stream[certificate + 1] << 8)
                            | stream[certificate + 2]);
                    }
                }
                message = body + length;
            }
        }
    }
}
