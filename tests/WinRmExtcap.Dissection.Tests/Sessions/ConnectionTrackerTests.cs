using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tests.Tls;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Sessions;

public sealed partial class ConnectionTrackerTests
{
    private const ushort ClientPort = 50123;
    private const ushort ServerPort = 5986;

    private readonly RecordingObserver _observer = new();

    [Fact]
    public void Process_FullTls12Connection_ReportsChainInCompletingFrame()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var flight = ServerFlightSeparateRecords();
        var split = flight.Length / 2;
        var firstHalfFrame = conversation.ServerSends(flight[..split]);
        var completingFrame = conversation.ServerSends(flight[split..]);
        FinishTls12(conversation);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        var chain = Assert.Single(_observer.Chains);
        Assert.Equal(completingFrame, chain.FrameNumber);
        Assert.Equal(conversation.Packets[(int)(completingFrame - 1)].TimestampNs, chain.TimestampNs);
        Assert.Equal(CertificateRole.Server, chain.Role);
        Assert.Equal(TestChain.Certificates.Select(c => c.Thumbprint), chain.Chain.Select(c => c.Thumbprint.Hex));
        Assert.Equal([true, true, true], chain.IsNew);
        Assert.False(chain.Decrypted);
        Assert.Equal(ServerPort, chain.Sender.Port);
        Assert.Equal([firstHalfFrame], _observer.ServerHellos.Select(h => h.FrameNumber));
        var connection = Assert.Single(_observer.Finished);
        Assert.Equal(ConnectionOutcome.CertificateSeen, connection.Outcome);
        Assert.Equal(ConnectionEnd.Closed, connection.End);
        Assert.True(connection.RolesKnown);
        Assert.Equal(ClientPort, connection.Client.Port);
        Assert.Equal("winrm.example.test", connection.ServerName);
        Assert.Equal(0, tracker.OpenConnections);
        Assert.Equal(1, tracker.Counters.TlsConnections);
    }

    [Fact]
    public void Process_SameChainTwice_SecondChainNotNew()
    {
        var packets = new List<WinRmExtcap.Dissection.Capture.CapturedPacket>();
        foreach (var port in new ushort[] { 50001, 50002 })
        {
            var conversation = new TcpConversation(port, ServerPort, packets).OpenWithSyn();
            conversation.ClientSends(ClientHelloRecord());
            conversation.ServerSends(ServerFlightSeparateRecords());
        }
        var tracker = NewTracker();

        foreach (var packet in packets)
        {
            tracker.Process(packet);
        }

        Assert.Equal(2, _observer.Chains.Count);
        Assert.Equal([false, false, false], _observer.Chains[1].IsNew);
        Assert.Equal(3, tracker.Certificates.Count);
    }

    [Fact]
    public void Process_ClientCertificate_ReportedWithClientRole()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(Concat(ServerFlightSeparateRecords(),
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.CertificateRequest, Hex("01 40 0000 0000")))));
        var clientCertificateFrame = conversation.ClientSends(Concat(
            Record(TlsContentType.Handshake,
                Handshake(TlsHandshakeType.Certificate, CertificateBody([TestChain.OtherLeaf.RawData]))),
            ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        Assert.Equal([CertificateRole.Server, CertificateRole.Client], _observer.Chains.Select(c => c.Role));
        var client = _observer.Chains[1];
        Assert.Equal(clientCertificateFrame, client.FrameNumber);
        Assert.Equal(TestChain.OtherLeaf.Thumbprint, client.Chain.Single().Thumbprint.Hex);
        Assert.Equal(ClientPort, client.Sender.Port);
    }

    [Fact]
    public void Process_NoSynClientHelloFromHigherPort_RolesFromHello()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort);
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightSeparateRecords());
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        var chain = Assert.Single(_observer.Chains);
        Assert.Equal(CertificateRole.Server, chain.Role);
        Assert.True(chain.Connection.RolesKnown);
        Assert.Equal(ClientPort, chain.Connection.Client.Port);
        Assert.Equal(ServerPort, chain.Connection.Server.Port);
    }

    [Fact]
    public void Process_NoSynClientHelloFromLowerPort_ClientHelloSenderIsClient()
    {
        const ushort lowClientPort = 1025;
        const ushort highServerPort = 61000;
        var conversation = new TcpConversation(lowClientPort, highServerPort);
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightSeparateRecords());
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        var chain = Assert.Single(_observer.Chains);
        Assert.Equal(CertificateRole.Server, chain.Role);
        Assert.Equal(lowClientPort, chain.Connection.Client.Port);
        Assert.Equal(highServerPort, chain.Connection.Server.Port);
        Assert.Equal(highServerPort, chain.Sender.Port);
    }

    [Fact]
    public void Process_NoSynFirstSeenServerHello_ServerHelloSenderIsServer()
    {
        const ushort lowClientPort = 1025;
        const ushort highServerPort = 61000;
        var conversation = new TcpConversation(lowClientPort, highServerPort);
        conversation.ServerSends(ServerFlightSeparateRecords());
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        var chain = Assert.Single(_observer.Chains);
        Assert.Equal(CertificateRole.Server, chain.Role);
        Assert.Equal(highServerPort, chain.Connection.Server.Port);
    }

    [Fact]
    public void Process_Resumption_ResumedNoCertificateAndOnResumption()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var resumedFrame = conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())),
            ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        conversation.ClientSends(Concat(ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        conversation.ClientSends(ApplicationDataRecord());
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        Assert.Empty(_observer.Chains);
        Assert.Equal([resumedFrame], _observer.Resumptions.Select(r => r.FrameNumber));
        var connection = Assert.Single(_observer.Finished);
        Assert.True(connection.IsResumed);
        Assert.Equal(ConnectionOutcome.ResumedNoCertificate, connection.Outcome);
        Assert.Equal(resumedFrame, connection.ServerChangeCipherSpecFrame);
        Assert.Equal(ConnectionEnd.Open, connection.End);
    }

    [Fact]
    public void Process_FullHandshakeWithUnreadableCertificate_NotResumed()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord(sessionIdHex: string.Empty));
        conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())),
            // certificate_list length 5 but the one certificate claims 9 bytes.
            Record(TlsContentType.Handshake,
                Handshake(TlsHandshakeType.Certificate, Hex("000005", "000009", "3003020100"))),
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, []))));
        conversation.ClientSends(Concat(ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        conversation.ServerSends(Concat(ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        Assert.Equal(1, tracker.Counters.MalformedCertificateMessages);
        Assert.Empty(_observer.Resumptions);
        Assert.NotEqual(ConnectionOutcome.ResumedNoCertificate, _observer.Finished.Single().Outcome);
    }

    [Fact]
    public void Process_Tls13ServerHello_CertificateEncrypted()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord(offerTls13: true));
        var serverHelloFrame = conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello13Body())),
            ChangeCipherSpecRecord(), ApplicationDataRecord(900), ApplicationDataRecord(80)));
        conversation.ClientSends(Concat(ChangeCipherSpecRecord(), ApplicationDataRecord(53)));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        Assert.Equal([serverHelloFrame], _observer.ServerHellos.Select(h => h.FrameNumber));
        Assert.Empty(_observer.Resumptions);
        var connection = Assert.Single(_observer.Finished);
        Assert.True(connection.IsTls13);
        Assert.Equal(ConnectionOutcome.Tls13CertificateEncrypted, connection.Outcome);
        Assert.Equal(TlsVersion.Tls13, connection.ClientHello?.HighestVersion);
    }

    [Fact]
    public void Process_HelloRetryRequest_KeptApartFromServerHello()
    {
        const string helloRetryRandom = "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C";
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord(offerTls13: true));
        conversation.ServerSends(
            Record(TlsContentType.Handshake,
                Handshake(TlsHandshakeType.ServerHello, ServerHello13Body(helloRetryRandom))));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        var connection = Assert.Single(_observer.Finished);
        Assert.NotNull(connection.HelloRetryRequest);
        Assert.Null(connection.ServerHello);
        Assert.Empty(_observer.ServerHellos);
    }

    [Fact]
    public void Process_ConnectionCapReached_EvictsLeastRecentlyActiveAndCounts()
    {
        var packets = new List<WinRmExtcap.Dissection.Capture.CapturedPacket>();
        var start = new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
        for (ushort i = 0; i < 5; i++)
        {
            var conversation = new TcpConversation((ushort)(40000 + i), ServerPort, packets)
            {
                Now = start.AddSeconds(i),
            };
            conversation.OpenWithSyn();
            conversation.ClientSends(ClientHelloRecord());
        }
        var tracker = new ConnectionTracker(new TrackerOptions { MaxConnections = 4 }, _observer);

        foreach (var packet in packets)
        {
            tracker.Process(packet);
        }

        Assert.Equal(1, tracker.Counters.ConnectionsEvicted);
        Assert.Equal(4, tracker.OpenConnections);
        var evicted = Assert.Single(_observer.Finished);
        Assert.Equal(40000, evicted.Client.Port);
        Assert.Equal(5, tracker.Counters.TcpConnections);
    }

    [Fact]
    public void Process_PortsOption_OtherPortsIgnored()
    {
        var conversation = new TcpConversation(ClientPort, 443).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightSeparateRecords());
        var options = new TrackerOptions { Ports = new HashSet<ushort> { ServerPort } };
        var tracker = new ConnectionTracker(options, _observer);

        ProcessAll(tracker, conversation);

        Assert.Empty(_observer.Chains);
        Assert.Equal(0, tracker.Counters.TcpConnections);
    }

    [Fact]
    public void Process_TlsOnUnusualPort_RecognisedByBytes()
    {
        var conversation = new TcpConversation(ClientPort, 8443).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightOneRecord());
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        Assert.Single(_observer.Chains);
    }

    [Fact]
    public void Process_ServerFlightOutOfOrder_ChainInFrameThatFillsTheHole()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var flight = ServerFlightSeparateRecords();
        conversation.ServerSends(flight[..500]);
        conversation.ServerSends(flight[500..]);
        var packets = conversation.Packets.ToList();
        (packets[^1], packets[^2]) = (packets[^2], packets[^1]);
        var tracker = NewTracker();

        foreach (var packet in packets)
        {
            tracker.Process(packet);
        }

        var chain = Assert.Single(_observer.Chains);
        Assert.Equal(packets[^1].FrameNumber, chain.FrameNumber);
    }

    [Fact]
    public void Process_PortReusedAfterUnseenClose_SecondHandshakeRead()
    {
        var packets = new List<WinRmExtcap.Dissection.Capture.CapturedPacket>();
        var first = new TcpConversation(ClientPort, ServerPort, packets).OpenWithSyn();
        first.ClientSends(ClientHelloRecord());
        first.ServerSends(ServerFlightSeparateRecords());
        FinishTls12(first, serverFin: false);
        var second = new TcpConversation(ClientPort, ServerPort, packets, 0x70000000, 0x30000000)
        {
            Now = first.Now.AddSeconds(30),
        };
        second.OpenWithSyn();
        second.ClientSends(ClientHelloRecord());
        second.ServerSends(ServerFlightSeparateRecords());
        var tracker = NewTracker();

        foreach (var packet in packets)
        {
            tracker.Process(packet);
        }

        Assert.Equal(2, _observer.Chains.Count);
        Assert.Equal(2, tracker.Counters.TcpConnections);
    }

    private ConnectionTracker NewTracker() => new(new TrackerOptions(), _observer);

    private static void ProcessAll(ConnectionTracker tracker, TcpConversation conversation)
    {
        foreach (var packet in conversation.Packets)
        {
            tracker.Process(packet);
        }
    }

    /// <summary>
    /// ClientKeyExchange, both ChangeCipherSpecs and Finished, then FIN from the client and (unless
    /// told not to) from the server.
    /// </summary>
    private static void FinishTls12(TcpConversation conversation, bool serverFin = true)
    {
        conversation.ClientSends(Concat(
            Record(TlsContentType.Handshake,
                Handshake(TlsHandshakeType.ClientKeyExchange, Hex("41", new string('C', 130)))),
            ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        conversation.ServerSends(Concat(ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        conversation.ClientSends(ApplicationDataRecord());
        conversation.Fin(fromClient: true);
        if (serverFin)
        {
            conversation.Fin(fromClient: false);
        }
    }
}
