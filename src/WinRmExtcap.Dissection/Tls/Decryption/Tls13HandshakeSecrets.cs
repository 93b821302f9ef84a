namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// The two handshake traffic secrets of one TLS 1.3 connection (RFC 8446 section 7.1), as a
/// key log records them under CLIENT_HANDSHAKE_TRAFFIC_SECRET and
/// SERVER_HANDSHAKE_TRAFFIC_SECRET. Each protects the handshake records its side sends after
/// the ServerHello, up to and including that side's Finished.
/// </summary>
/// <param name="ClientHandshakeTrafficSecret">client_handshake_traffic_secret.</param>
/// <param name="ServerHandshakeTrafficSecret">server_handshake_traffic_secret.</param>
public readonly record struct Tls13HandshakeSecrets(
    ReadOnlyMemory<byte> ClientHandshakeTrafficSecret,
    ReadOnlyMemory<byte> ServerHandshakeTrafficSecret);
