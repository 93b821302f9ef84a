using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// The TLS 1.3 side of a direction: handshake decryption with key-log secrets, and records held
/// while a live key log has not caught up yet.
/// </summary>
internal sealed partial class TlsDirection
{
    /// <summary>
    /// RFC 8446 section 7.3: with the key log's secrets for this connection, derive both sides'
    /// handshake keys at the ServerHello so their encrypted flights can be read.
    /// </summary>
    private void StartDecryption(ServerHello hello)
    {
        var clientHello = Summary.ClientHello;
        var keyLog = _context.KeyLog;
        var growing = _context.Options.GrowingKeyLog;
        if (clientHello is null || clientHello.IsSslv2Format || (keyLog.EntryCount == 0 && growing is null))
        {
            return;
        }
        var hasServer = keyLog.TryGetSecret(KeyLogLabel.ServerHandshakeTrafficSecret, clientHello.Random,
            out var serverSecret);
        var hasClient = keyLog.TryGetSecret(KeyLogLabel.ClientHandshakeTrafficSecret, clientHello.Random,
            out var clientSecret);
        if (!hasServer && !hasClient)
        {
            Summary.DecryptionProblem = "the key log holds no handshake secrets for this connection's client random "
                + Convert.ToHexString(clientHello.Random);
            if (growing is not null)
            {
                // Live: the client may write its keys only after this packet; hold the records.
                _awaitingKeys = [];
                OtherDirection._awaitingKeys = [];
            }
            return;
        }

        Tls13RecordProtection? server = null;
        Tls13RecordProtection? client = null;
        var serverStatus = hasServer
            ? Tls13RecordProtection.TryCreate(hello.CipherSuite, serverSecret.Span, out server)
            : DecryptStatus.Success;
        var clientStatus = hasClient
            ? Tls13RecordProtection.TryCreate(hello.CipherSuite, clientSecret.Span, out client)
            : DecryptStatus.Success;
        if (serverStatus != DecryptStatus.Success || clientStatus != DecryptStatus.Success)
        {
            server?.Dispose();
            client?.Dispose();
            Summary.DecryptionProblem = $"cannot decrypt cipher suite 0x{hello.CipherSuite:X4}: "
                + (serverStatus != DecryptStatus.Success ? serverStatus : clientStatus);
            return;
        }

        Summary.KeysAvailable = hasServer;
        Summary.DecryptionProblem = hasServer ? null
            : "the key log holds only the client's handshake secret: the server's certificate stays encrypted";
        _decryption = server is null ? null : new HandshakeDecryption(server);
        OtherDirection._decryption = client is null ? null : new HandshakeDecryption(client);
    }

    private TlsDirection OtherDirection =>
        Connection.LowerToUpper == this ? Connection.UpperToLower : Connection.LowerToUpper;

    /// <summary>
    /// Holds an encrypted record of a TLS 1.3 connection whose keys are not in the key log yet,
    /// reads the growing key log again, and once the keys are there replays what both directions
    /// held. Past the cap the direction gives up.
    /// </summary>
    private void HoldUntilKeysArrive(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var held = _awaitingKeys!; // Checked by the caller.
        _awaitingKeysBytes += header.Length + payload.Length;
        if (_awaitingKeysBytes > _context.Options.MaxRecordsAwaitingKeysBytes)
        {
            _awaitingKeys = null;
            Finish();
            return;
        }
        held.Add([.. header, .. payload]);
        TryKeysArrived();
    }

    /// <summary>
    /// Reads the growing key log again; when it now holds this connection's keys, decrypts what
    /// both directions held.
    /// </summary>
    internal void TryKeysArrived()
    {
        if (_awaitingKeys is null && OtherDirection._awaitingKeys is null)
        {
            return;
        }
        if (_context.Options.GrowingKeyLog?.TryReload() is { } reloaded)
        {
            _context.KeyLog = _context.KeyLog.Merge(reloaded);
        }
        var server = IsFromServer ? this : OtherDirection;
        if (Summary.ServerHello is not { } hello || Summary.ClientHello is not { } clientHello
            || !_context.KeyLog.TryGetSecret(KeyLogLabel.ServerHandshakeTrafficSecret, clientHello.Random, out _))
        {
            return;
        }

        server.StartDecryption(hello);
        ReplayHeld(server);
        ReplayHeld(server.OtherDirection);
    }

    private static void ReplayHeld(TlsDirection direction)
    {
        var held = direction._awaitingKeys;
        direction._awaitingKeys = null;
        foreach (var record in held ?? [])
        {
            if (direction._decryption is null)
            {
                return;
            }
            direction.Decrypt(record.AsSpan(0, TlsDirectionParser.RecordHeaderLength),
                record.AsSpan(TlsDirectionParser.RecordHeaderLength));
        }
    }

    private void Decrypt(ReadOnlySpan<byte> header, ReadOnlySpan<byte> payload)
    {
        var decryption = _decryption!; // Checked by the caller.
        var status = decryption.TryDecrypt(header, payload, out var plaintext, out var innerType);
        if (status != DecryptStatus.Success)
        {
            var side = IsFromServer ? "server" : "client";
            var wrongKeys = decryption.RecordsDecrypted == 0 && status == DecryptStatus.AuthenticationFailed;
            Summary.DecryptionProblem ??= wrongKeys
                ? $"the key log's secrets for this connection do not decrypt the {side}'s handshake "
                    + "(stale or wrong key log)"
                : $"the {side}'s encrypted handshake could not be read: {status}";
            _context.Observer.OnDecryptionFailed(Summary, _context.FrameNumber);
            Finish();
            return;
        }
        if (innerType == (byte)TlsContentType.Handshake)
        {
            Parser.FeedDecryptedHandshake(plaintext);
        }
    }

    /// <summary>RFC 8446 section 4.4: the encrypted flight, up to this side's Finished.</summary>
    private void TakeDecryptedMessage(TlsHandshakeType type, ReadOnlySpan<byte> body)
    {
        if (type == TlsHandshakeType.Certificate)
        {
            TakeCertificate(body, isTls13: true, decrypted: true);
        }
        else if (type == TlsHandshakeType.Finished)
        {
            // Later records use the application traffic secret: nothing more to learn here.
            Finish();
        }
    }

    private void StopDecryption()
    {
        _decryption?.Dispose();
        _decryption = null;
    }
}
