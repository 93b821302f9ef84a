using System.Text;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Tls;

/// <summary>Gaps, resynchronisation, SSL 2.0 messages and clear text before the first hello.</summary>
public sealed partial class TlsDirectionParserTests
{
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
}
