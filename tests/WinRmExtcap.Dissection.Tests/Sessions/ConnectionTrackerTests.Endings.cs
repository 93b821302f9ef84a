using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tests.Tls;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Sessions;

/// <summary>How connections end and what the capture lost: alerts, resets, FIN, snap length, clear text.</summary>
public sealed partial class ConnectionTrackerTests
{
    [Fact]
    public void Process_FatalAlertFromServer_HandshakeFailed()
    {
        const byte handshakeFailure = 40;
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var alertFrame = conversation.ServerSends(AlertRecord(AlertSeen.FatalLevel, handshakeFailure));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        var connection = Assert.Single(_observer.Finished);
        Assert.Equal(ConnectionOutcome.HandshakeFailed, connection.Outcome);
        Assert.Equal([new AlertSeen(true, AlertSeen.FatalLevel, handshakeFailure, alertFrame)], connection.Alerts);
    }

    [Fact]
    public void Process_ResetAfterClientHello_HandshakeFailedResetByServer()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var resetFrame = conversation.Reset(fromClient: false);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        var connection = Assert.Single(_observer.Finished);
        Assert.Equal(ConnectionEnd.ResetByServer, connection.End);
        Assert.Equal(resetFrame, connection.EndFrame);
        Assert.Equal(ConnectionOutcome.HandshakeFailed, connection.Outcome);
        Assert.Equal(0, tracker.OpenConnections);
    }

    [Fact]
    public void Process_ResetByClient_ResetByClient()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightSeparateRecords());
        conversation.Reset(fromClient: true);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);

        var connection = Assert.Single(_observer.Finished);
        Assert.Equal(ConnectionEnd.ResetByClient, connection.End);
        Assert.Equal(ConnectionOutcome.CertificateSeen, connection.Outcome);
    }

    [Fact]
    public void Process_FinFromOneSide_ConnectionStaysOpenUntilBoth()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var firstFin = conversation.Fin(fromClient: true);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        var openAfterOneFin = tracker.OpenConnections;
        conversation.Fin(fromClient: false);
        tracker.Process(conversation.Packets[^1]);

        Assert.Equal(1, openAfterOneFin);
        Assert.Equal(0, tracker.OpenConnections);
        var connection = Assert.Single(_observer.Finished);
        Assert.Equal(ConnectionEnd.Closed, connection.End);
        Assert.Equal(firstFin, connection.EndFrame);
    }

    [Fact]
    public void Process_SnapLengthCutsCertificateRecord_CertificateLostToCapture()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())));
        conversation.ServerSends(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.Certificate, CertificateBody(TestChain.Ders))),
            snapLength: 300);
        conversation.ServerSends(Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, [])));
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        Assert.Empty(_observer.Chains);
        var connection = Assert.Single(_observer.Finished);
        Assert.True(connection.ServerCertificateCut);
        Assert.Equal(GapCause.SnapLength, connection.ServerLossCause);
        Assert.True(connection.ServerHandshakeBytesLost > 0);
        Assert.Equal(ConnectionOutcome.CertificateLostToCapture, connection.Outcome);
    }

    [Fact]
    public void Process_SnapLengthCutsOneRecordServerFlight_CertificateLostToCapture()
    {
        var conversation = new TcpConversation(ClientPort, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(ServerFlightOneRecord(), snapLength: 600);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        var connection = Assert.Single(_observer.Finished);
        Assert.NotNull(connection.ServerHello);
        Assert.Equal(ConnectionOutcome.CertificateLostToCapture, connection.Outcome);
    }

    [Fact]
    public void Process_ClearTextBothWays_ConnectionDropped()
    {
        var clearText = Enumerable.Repeat((byte)'x', 40_000).ToArray();
        var conversation = new TcpConversation(ClientPort, 5985).OpenWithSyn();
        conversation.ClientSends(clearText);
        conversation.ClientSends(clearText);
        conversation.ServerSends(clearText);
        conversation.ServerSends(clearText);
        var tracker = NewTracker();

        ProcessAll(tracker, conversation);
        tracker.Complete();

        Assert.Equal(0, tracker.OpenConnections);
        Assert.Equal(1, tracker.Counters.TcpConnections);
        Assert.Equal(0, tracker.Counters.TlsConnections);
        Assert.Empty(_observer.Finished);
    }
}
