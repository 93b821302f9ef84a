using System.Text;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Tls;

public sealed class TlsDirectionParserTests
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
    public void OnGap_InsideCertificateMessage_ReportsPartialCertificateAndResyncs()
    {
        var flight = ServerFlightSeparateRecords();
        var certificateRecordStart = RecordOffsets(flight)[1];
        var serverHelloDoneStart = RecordOffsets(flight)[2];
        var cut = certificateRecordStart + 300;
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(flight.AsSpan(0, cut));
        parser.OnGap(40, GapCause.MissingSegment);
        parser.OnData(flight.AsSpan(cut + 40));

        Assert.Equal([(40L, GapCause.MissingSegment, (TlsHandshakeType?)TlsHandshakeType.Certificate)],
            handler.Losses);
        Assert.Equal([TlsHandshakeType.ServerHello, TlsHandshakeType.ServerHelloDone],
            handler.Messages.Select(m => m.Type));
        Assert.Equal(serverHelloDoneStart - (cut + 40), parser.BytesSkipped);
    }

    [Fact]
    public void OnGap_CertificateMessageSpanningRecords_ReportsPartialCertificate()
    {
        var handshake = Handshake(TlsHandshakeType.Certificate, CertificateBody(TestChain.Ders));
        var firstRecord = Record(TlsContentType.Handshake, handshake[..200]);
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(firstRecord);
        parser.OnGap(1000, GapCause.SnapLength);
        parser.OnData(Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, [])));

        Assert.Equal(TlsHandshakeType.Certificate, handler.Losses.Single().Partial);
        Assert.Equal([TlsHandshakeType.ServerHelloDone], handler.Messages.Select(m => m.Type));
    }

    [Fact]
    public void OnGap_InsideCertificateSharingRecordWithServerHello_ReportsPartialCertificate()
    {
        var flight = ServerFlightOneRecord();
        var serverHelloLength = HandshakeHeaderAndRecordHeader + ServerHello12Body().Length;
        var cut = serverHelloLength + 300;
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(flight.AsSpan(0, cut));
        parser.OnGap(flight.Length - cut, GapCause.SnapLength);

        Assert.Equal(TlsHandshakeType.Certificate, handler.Losses.Single().Partial);
    }

    [Fact]
    public void OnGap_InsideRecord_ReportsMessagesCompletedBeforeTheGap()
    {
        var flight = ServerFlightOneRecord();
        var serverHelloLength = HandshakeHeaderAndRecordHeader + ServerHello12Body().Length;
        var cut = serverHelloLength + 300;
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(flight.AsSpan(0, cut));
        parser.OnGap(flight.Length - cut, GapCause.SnapLength);

        Assert.Equal([TlsHandshakeType.ServerHello], handler.Messages.Select(m => m.Type));
    }

    [Fact]
    public void OnGap_BetweenRecords_NoPartialMessageAndNothingSkipped()
    {
        var flight = ServerFlightSeparateRecords();
        var offsets = RecordOffsets(flight);
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(flight.AsSpan(0, offsets[1]));
        parser.OnGap(offsets[2] - offsets[1], GapCause.MissingSegment);
        parser.OnData(flight.AsSpan(offsets[2]));

        Assert.Null(handler.Losses.Single().Partial);
        Assert.Equal([TlsHandshakeType.ServerHello, TlsHandshakeType.ServerHelloDone],
            handler.Messages.Select(m => m.Type));
        Assert.Equal(0, parser.BytesSkipped);
    }

    [Fact]
    public void OnData_ImplausibleRecordHeader_ResyncsOnNextRecord()
    {
        var garbage = Hex("DEADBEEF0102");
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(ClientHelloRecord());
        parser.OnData(garbage);
        parser.OnData(ChangeCipherSpecRecord());

        Assert.Equal(1, parser.MalformedCount);
        Assert.Equal(garbage.Length, parser.BytesSkipped);
        Assert.Equal("change-cipher-spec", handler.Events[^1]);
    }

    [Fact]
    public void OnData_Sslv2ClientHello_ReportsMessageAfterHeader()
    {
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(Sslv2ClientHello);

        Assert.Equal(Sslv2ClientHello[2..], handler.Sslv2ClientHello);
        Assert.Equal(1, parser.RecordCount);
        Assert.False(parser.IsNotTls);
    }

    [Fact]
    public void OnData_Sslv2ClientHelloOneBytePiecesThenRecords_ReportsBoth()
    {
        var stream = Concat(Sslv2ClientHello, ChangeCipherSpecRecord());
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        foreach (var b in stream)
        {
            parser.OnData([b]);
        }

        Assert.Equal(["sslv2-client-hello " + Convert.ToHexString(Sslv2ClientHello[2..]), "change-cipher-spec"],
            handler.Events);
    }

    [Fact]
    public void OnData_Sslv2ServerHello_ReportsCertificateThenStops()
    {
        var certificate = TestChain.Leaf.RawData;
        var message = Concat(Hex(
            "04",                                 // msg_type SERVER-HELLO
            "00",                                 // session_id_hit
            "01",                                 // certificate_type X.509
            "0002",                               // server_version SSL 2.0
            U16(certificate.Length),              // certificate_length
            "0003",                               // cipher_specs_length
            "0010"),                              // connection_id_length
            certificate,
            Hex("0700C0"),                        // cipher spec
            new byte[16]);                        // connection id
        var hello = Concat(Hex(U16(0x8000 | message.Length)), message);
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(hello);
        parser.OnData(ApplicationDataRecord());

        Assert.Equal(certificate, handler.Sslv2ServerCertificate);
        Assert.True(parser.IsNotTls);
        Assert.Single(handler.Events);
    }

    [Fact]
    public void OnData_ClearTextThenClientHello_FindsHello()
    {
        var stream = Concat(Encoding.ASCII.GetBytes("EHLO client.example.test\r\nSTARTTLS\r\n"), ClientHelloRecord());

        for (var split = 0; split <= stream.Length; split++)
        {
            var handler = new RecordingTlsHandler();
            var parser = new TlsDirectionParser(handler);

            parser.OnData(stream.AsSpan(0, split));
            parser.OnData(stream.AsSpan(split));

            Assert.Equal([TlsHandshakeType.ClientHello], handler.Messages.Select(m => m.Type));
            Assert.Equal(ClientHelloBody(), handler.Messages[0].Body);
        }
    }

    [Fact]
    public void OnData_ClearTextInSmallPiecesThenClientHello_FindsHello()
    {
        var stream = Concat(Encoding.ASCII.GetBytes("CONNECT winrm.example.test:5986 HTTP/1.1\r\n\r\n"),
            ClientHelloRecord());
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        foreach (var piece in stream.Chunk(3))
        {
            parser.OnData(piece);
        }

        Assert.Equal([TlsHandshakeType.ClientHello], handler.Messages.Select(m => m.Type));
    }

    [Fact]
    public void OnData_ClearTextOnly_NotTlsOnceAfterLimit()
    {
        var clearText = Enumerable.Repeat((byte)'A', TlsDirectionParser.MaxClearTextPrefixBytes + 1).ToArray();
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(clearText);
        parser.OnData(ClientHelloRecord());

        Assert.Equal(1, handler.NotTlsCalls);
        Assert.True(parser.IsNotTls);
        Assert.Empty(handler.Messages);
    }

    [Fact]
    public void OnData_ClearTextBelowLimit_StillLooking()
    {
        var clearText = Enumerable.Repeat((byte)'A', TlsDirectionParser.MaxClearTextPrefixBytes / 2).ToArray();
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        parser.OnData(clearText);

        Assert.Equal(0, handler.NotTlsCalls);
        Assert.False(parser.IsNotTls);
    }

    [Fact]
    public void OnData_ClearTextBelowLimitInOneBytePieces_StillFindsHello()
    {
        var clearText = Enumerable.Repeat((byte)'A', 16 * 1024).ToArray();
        var handler = new RecordingTlsHandler();
        var parser = new TlsDirectionParser(handler);

        foreach (var b in clearText)
        {
            parser.OnData([b]);
        }
        parser.OnData(ClientHelloRecord());

        Assert.Equal(0, handler.NotTlsCalls);
        Assert.Equal([TlsHandshakeType.ClientHello], handler.Messages.Select(m => m.Type));
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
