using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Tests.Sessions;
using WinRmExtcap.Dissection.Tests.Tls;
using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Reporting;

public sealed class PacketAnnotatorTests
{
    private const ushort ServerPort = 5986;

    [Fact]
    public void Annotate_CertificatePacket_OneExactCommentPerCertificate()
    {
        var start = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var conversation = Tls12Conversation(50001, TestChain.Ders, start);
        var annotator = new PacketAnnotator(new AnnotationOptions());

        var comments = AnnotateAll(annotator, conversation.Packets);

        var (frame, text) = Assert.Single(comments.Where(c => c.Comments.Count > 0)
            .Select(c => (c.Frame, c.Comments)));
        Assert.Equal(conversation.Packets[^1].FrameNumber, frame);
        Assert.Equal(3, text.Count);
        Assert.Equal(
            $"winrm-cert: server thumbprint={TestChain.Leaf.Thumbprint} subject=\"CN=winrm.example.test\""
            + " not_after=2025-01-01T12:00:00Z status=valid days_left=214 chain=1/3 server=192.0.2.20:5986"
            + " sni=\"winrm.example.test\"",
            text[0]);
        Assert.StartsWith($"winrm-cert: server thumbprint={TestChain.Certificates[2].Thumbprint}"
            + " subject=\"CN=Test Root CA\"", text[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2025, 3, 1, "status=expired chain=1/3")]
    [InlineData(2023, 12, 1, "status=not-yet-valid chain=1/3")]
    public void Annotate_PacketTime_StatusAtThatTime(int year, int month, int day, string expected)
    {
        var at = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
        var conversation = Tls12Conversation(50001, TestChain.Ders, at);
        var annotator = new PacketAnnotator(new AnnotationOptions());

        var leafComment = AnnotateAll(annotator, conversation.Packets).SelectMany(c => c.Comments).First();

        Assert.Contains(" not_after=2025-01-01T12:00:00Z " + expected + " ", leafComment, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_SameServerPresentsAnotherLeaf_ChangedFrom()
    {
        var packets = new List<CapturedPacket>();
        var at = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Tls12Conversation(50001, TestChain.Ders, at, packets);
        Tls12Conversation(50002, TestChain.Ders, at.AddMinutes(1), packets);
        Tls12Conversation(50003, [TestChain.OtherLeaf.RawData, .. TestChain.Ders[1..]], at.AddMinutes(2), packets);
        var annotator = new PacketAnnotator(new AnnotationOptions());

        var leafComments = AnnotateAll(annotator, packets).Where(c => c.Comments.Count > 0)
            .Select(c => c.Comments[0]).ToList();

        Assert.Equal(3, leafComments.Count);
        Assert.DoesNotContain("changed_from=", leafComments[0], StringComparison.Ordinal);
        Assert.DoesNotContain("changed_from=", leafComments[1], StringComparison.Ordinal);
        Assert.EndsWith($" changed_from={TestChain.Leaf.Thumbprint}", leafComments[2], StringComparison.Ordinal);
        Assert.Contains($"thumbprint={TestChain.OtherLeaf.Thumbprint} ", leafComments[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_ExpectedThumbprints_MatchAndMismatchOnLeafOnly()
    {
        Assert.True(Thumbprint.TryParse(TestChain.Leaf.Thumbprint.ToLowerInvariant(), out var expected));
        var packets = new List<CapturedPacket>();
        var at = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Tls12Conversation(50001, TestChain.Ders, at, packets);
        Tls12Conversation(50002, [TestChain.OtherLeaf.RawData, .. TestChain.Ders[1..]], at.AddMinutes(1), packets);
        var annotator = new PacketAnnotator(new AnnotationOptions { ExpectedThumbprints = [expected] });

        var chains = AnnotateAll(annotator, packets).Where(c => c.Comments.Count > 0).Select(c => c.Comments).ToList();

        Assert.EndsWith(" expected=match", chains[0][0], StringComparison.Ordinal);
        Assert.EndsWith(" expected=mismatch", chains[1][0], StringComparison.Ordinal);
        Assert.DoesNotContain("expected=", chains[0][1], StringComparison.Ordinal);
    }

    [Fact]
    public void Annotate_Tls13ServerHello_HiddenCertificateComment()
    {
        var conversation = new TcpConversation(50001, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord(offerTls13: true));
        var serverHelloFrame = conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello13Body())),
            ChangeCipherSpecRecord(), ApplicationDataRecord()));
        var annotator = new PacketAnnotator(new AnnotationOptions());

        var comments = AnnotateAll(annotator, conversation.Packets);

        var (frame, text) = Assert.Single(comments, c => c.Comments.Count > 0);
        Assert.Equal(serverHelloFrame, frame);
        Assert.Equal(
            "winrm-cert: none reason=tls13-encrypted server=192.0.2.20:5986 sni=\"winrm.example.test\""
            + " detail=\"TLS 1.3 encrypts the certificate; a TLS key log or winrm-certs probe --tls12"
            + " reveals it\"",
            Assert.Single(text));
    }

    [Fact]
    public void Annotate_Resumption_ResumedComment()
    {
        var conversation = new TcpConversation(50001, ServerPort).OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        var resumedFrame = conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())),
            ChangeCipherSpecRecord(), EncryptedHandshakeRecord()));
        var annotator = new PacketAnnotator(new AnnotationOptions());

        var comments = AnnotateAll(annotator, conversation.Packets);

        var (frame, text) = Assert.Single(comments, c => c.Comments.Count > 0);
        Assert.Equal(resumedFrame, frame);
        Assert.StartsWith("winrm-cert: none reason=resumed server=192.0.2.20:5986", Assert.Single(text),
            StringComparison.Ordinal);
    }

    [Fact]
    public void NewCertificate_RaisedOncePerDistinctCertificate()
    {
        var packets = new List<CapturedPacket>();
        var at = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Tls12Conversation(50001, TestChain.Ders, at, packets);
        Tls12Conversation(50002, TestChain.Ders, at.AddMinutes(1), packets);
        var annotator = new PacketAnnotator(new AnnotationOptions());
        var raised = new List<(CertificateRecord Certificate, string Comment)>();
        annotator.NewCertificate += (certificate, comment) => raised.Add((certificate, comment));

        AnnotateAll(annotator, packets);

        Assert.Equal(TestChain.Certificates.Select(c => c.Thumbprint),
            raised.Select(r => r.Certificate.Thumbprint.Hex));
        Assert.All(raised, r => Assert.StartsWith("winrm-cert: server ", r.Comment, StringComparison.Ordinal));
        Assert.Equal(3, annotator.Certificates.Count);
    }

    /// <summary>SYN handshake, ClientHello, then the server flight in the last frame.</summary>
    private static TcpConversation Tls12Conversation(ushort clientPort, byte[][] ders, DateTimeOffset start,
        List<CapturedPacket>? packets = null)
    {
        var conversation = new TcpConversation(clientPort, ServerPort, packets) { Now = start }.OpenWithSyn();
        conversation.ClientSends(ClientHelloRecord());
        conversation.ServerSends(Concat(
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())),
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.Certificate, CertificateBody(ders))),
            Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, []))));
        return conversation;
    }

    private static List<(long Frame, IReadOnlyList<string> Comments)> AnnotateAll(
        PacketAnnotator annotator,
        IEnumerable<CapturedPacket> packets) =>
        [.. packets.Select(p => (p.FrameNumber, annotator.Annotate(p)))];
}
