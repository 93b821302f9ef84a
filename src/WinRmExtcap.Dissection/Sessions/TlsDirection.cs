using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// One direction of a connection: its reassembler, its record parser, and what its messages mean
/// for the connection (RFC 8446 section 2 and RFC 5246 section 7.3: the handshake flow).
/// </summary>
internal sealed partial class TlsDirection : ITlsRecordHandler
{
    private const int CertificateLengthFieldLength = 3;

    private readonly DissectionContext _context;
    private TcpConnectionState? _connection;
    private HandshakeDecryption? _decryption;
    private List<byte[]>? _awaitingKeys;
    private int _awaitingKeysBytes;

    public TlsDirection(NetworkEndpoint sender, DissectionContext context)
    {
        Sender = sender;
        _context = context;
        Parser = new TlsDirectionParser(this, context.Options.MaxHandshakeMessageLength);
        Reassembler = new TcpDirectionReassembler(Parser, context.Options.Reassembly, context.Counters.Reassembly);
    }

    public NetworkEndpoint Sender { get; }

    public TlsDirectionParser Parser { get; }

    public TcpDirectionReassembler Reassembler { get; }

    /// <summary>True once nothing more is needed from this direction and its buffers are gone.</summary>
    public bool IsDone { get; private set; }

    private TcpConnectionState Connection => _connection ?? throw new InvalidOperationException("not attached");

    private TlsConnection Summary => Connection.Summary;

    private bool IsFromServer => Sender == Summary.Server;

    public void Attach(TcpConnectionState connection) => _connection = connection;

    /// <summary>Stops parsing and frees the buffers of this direction.</summary>
    public void Finish()
    {
        if (IsDone)
        {
            return;
        }
        IsDone = true;
        _awaitingKeys = null;
        StopDecryption();
        Reassembler.Release();
        Parser.Release();
    }

    public void OnNotTls() => Finish();

    public void OnHandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
        MarkTls();
        if (_decryption is not null)
        {
            TakeDecryptedMessage(type, body);
            return;
        }
        switch (type)
        {
            case TlsHandshakeType.ClientHello:
                TakeClientHello(HelloParser.ParseClientHello(body));
                break;
            case TlsHandshakeType.ServerHello:
                TakeServerHello(HelloParser.ParseServerHello(body));
                break;
            case TlsHandshakeType.Certificate:
                TakeCertificate(body, isTls13: false, decrypted: false);
                break;
            case TlsHandshakeType.NewSessionTicket:
                TakeNewSessionTicket(body);
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// RFC 5077 section 3.3: struct { uint32 ticket_lifetime_hint; opaque ticket&lt;0..2^16-1&gt; }.
    /// Only the server's, and only its hash is kept, to link a later resumption to this connection.
    /// </summary>
    private void TakeNewSessionTicket(ReadOnlySpan<byte> body)
    {
        const int LifetimeHintLength = 4;
        const int TicketLengthFieldLength = 2;
        if (!IsFromServer || body.Length < LifetimeHintLength + TicketLengthFieldLength)
        {
            return;
        }
        var ticketLength = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(body[LifetimeHintLength..]);
        var ticket = body[(LifetimeHintLength + TicketLengthFieldLength)..];
        if (ticketLength == 0 || ticketLength > ticket.Length)
        {
            return;
        }
        Summary.IssuedTicketSha256 = Convert.ToHexString(
            System.Security.Cryptography.SHA256.HashData(ticket[..ticketLength]));
    }

    public void OnSslv2ClientHello(ReadOnlySpan<byte> message)
    {
        MarkTls();
        TakeClientHello(HelloParser.ParseSslv2ClientHello(message));
    }

    public void OnSslv2ServerHello(ReadOnlySpan<byte> certificate)
    {
        MarkTls();
        if (certificate.IsEmpty)
        {
            return;
        }
        var body = new byte[2 * CertificateLengthFieldLength + certificate.Length];
        WriteUInt24(body, CertificateLengthFieldLength + certificate.Length);
        WriteUInt24(body.AsSpan(CertificateLengthFieldLength), certificate.Length);
        certificate.CopyTo(body.AsSpan(2 * CertificateLengthFieldLength));
        TakeCertificate(body, isTls13: false, decrypted: false);
    }

    public void OnChangeCipherSpec()
    {
        MarkTls();
        if (IsFromServer)
        {
            Summary.ServerChangedCipherSpec = true;
            Summary.ServerChangeCipherSpecFrame ??= _context.FrameNumber;
            if (Summary.IsResumed && !Summary.IsTls13)
            {
                _context.Observer.OnResumption(Summary, _context.FrameNumber);
            }
        }
        else
        {
            Summary.ClientChangedCipherSpec = true;
        }
        if (ChangeCipherSpecEncrypts)
        {
            Parser.MarkHandshakeEncrypted();
        }
        FinishWhenEncrypted();
    }

    public void OnAlert(byte level, byte description)
    {
        MarkTls();
        Summary.AddAlert(new AlertSeen(IsFromServer, level, description, _context.FrameNumber));
    }

    public void OnEncryptedRecord(TlsContentType type, ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        MarkTls();
        if (IsFromServer)
        {
            Summary.ServerEncryptedRecords++;
        }
        else
        {
            Summary.ClientEncryptedRecords++;
        }

        if (_decryption is not null && type == TlsContentType.ApplicationData)
        {
            Decrypt(header, payload);
            return;
        }
        if (_awaitingKeys is not null && type == TlsContentType.ApplicationData)
        {
            HoldUntilKeysArrive(header, payload);
            return;
        }
        FinishWhenEncrypted();
    }

    public void OnBytesLost(long missingBytes, GapCause cause, TlsHandshakeType? partialMessage)
    {
        if (IsFromServer)
        {
            Summary.ServerHandshakeBytesLost += missingBytes;
            Summary.ServerLossCause ??= cause;
            if (partialMessage == TlsHandshakeType.Certificate)
            {
                Summary.ServerCertificateCut = true;
            }
        }
        else
        {
            Summary.ClientHandshakeBytesLost += missingBytes;
        }
    }

    private void MarkTls()
    {
        if (Connection.IsTls)
        {
            return;
        }
        Connection.IsTls = true;
        _context.Counters.TlsConnections++;
    }

    private void TakeClientHello(ClientHello? hello)
    {
        if (hello is null)
        {
            return;
        }
        if (IsFromServer || !Summary.RolesKnown)
        {
            // Whoever sends the ClientHello is the client, whatever the ports or SYN suggested.
            var server = IsFromServer ? Summary.Client : Summary.Server;
            Summary.Client = Sender;
            Summary.Server = server;
        }
        Summary.RolesKnown = true;
        Summary.ClientHello ??= hello;
        Summary.ClientHelloFrame ??= _context.FrameNumber;
    }

    private void TakeServerHello(ServerHello? hello)
    {
        if (hello is null)
        {
            return;
        }
        if (!Summary.RolesKnown && !IsFromServer)
        {
            var client = Summary.Server;
            Summary.Server = Sender;
            Summary.Client = client;
        }
        Summary.RolesKnown = true;
        if (hello.IsHelloRetryRequest)
        {
            Summary.HelloRetryRequest = hello;
            return;
        }

        Summary.ServerHello = hello;
        Summary.ServerHelloFrame = _context.FrameNumber;
        if (hello.NegotiatedVersion == TlsVersion.Tls13 && IsFromServer)
        {
            StartDecryption(hello);
        }
        _context.Observer.OnServerHello(Summary, _context.FrameNumber);
        if (Summary.IsResumed)
        {
            _context.Observer.OnResumption(Summary, _context.FrameNumber);
        }
    }

    /// <summary>Turns a Certificate message body into records and tells the observer.</summary>
    internal void TakeCertificate(ReadOnlySpan<byte> body, bool isTls13, bool decrypted)
    {
        _context.Counters.CertificateMessages++;
        if (IsFromServer)
        {
            Summary.ServerCertificateMessageSeen = true;
        }
        var certificates = CertificateMessageParser.ParseSalvaging(body, isTls13, out var complete);
        if (!complete)
        {
            // From a broken message keep only what the platform reads as a certificate: the rest
            // is likely bytes of another protocol woven into it (a tunnel's framing, say).
            _context.Counters.MalformedCertificateMessages++;
            certificates = certificates.Where(der => Certificates.CertificateRecord.FromDer(der).IsDecoded).ToList();
        }
        if (certificates.Count == 0)
        {
            return;
        }

        var chain = new List<Certificates.CertificateRecord>(certificates.Count);
        var isNew = new List<bool>(certificates.Count);
        foreach (var der in certificates)
        {
            chain.Add(_context.Certificates.GetOrAdd(der, out var added));
            isNew.Add(added);
        }
        var role = IsFromServer ? CertificateRole.Server : CertificateRole.Client;
        var seen = new CertificateChainSeen(Summary, role, _context.FrameNumber, _context.TimestampNs, chain, isNew,
            decrypted);
        Summary.AddChain(seen);
        _context.Observer.OnCertificateChain(seen);
    }

    /// <summary>
    /// RFC 5246 section 7.1: up to TLS 1.2 the records after ChangeCipherSpec are encrypted. RFC
    /// 8446 appendix D.4: in TLS 1.3 (known from a HelloRetryRequest or the ServerHello) it is a
    /// no-op sent for middleboxes.
    /// </summary>
    private bool ChangeCipherSpecEncrypts => Summary.HelloRetryRequest is null && !Summary.IsTls13;

    /// <summary>
    /// Once this direction's handshake is encrypted and no key can open it, nothing more can be
    /// learned from its bytes: release them.
    /// </summary>
    private void FinishWhenEncrypted()
    {
        if (_decryption is not null || _awaitingKeys is not null)
        {
            return;
        }
        var changedCipherSpec = IsFromServer ? Summary.ServerChangedCipherSpec : Summary.ClientChangedCipherSpec;
        var encryptedRecords = IsFromServer ? Summary.ServerEncryptedRecords : Summary.ClientEncryptedRecords;
        if ((changedCipherSpec && ChangeCipherSpecEncrypts) || (Summary.IsTls13 && encryptedRecords > 0))
        {
            Finish();
        }
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}
