namespace WinRmExtcap.Dissection.Tls.Decryption;

/// <summary>
/// The labels of the NSS key log format (SSLKEYLOGFILE) that this library keeps. Each entry is
/// keyed by the ClientHello random of the connection it belongs to.
/// </summary>
public enum KeyLogLabel : byte
{
    /// <summary>CLIENT_RANDOM: the TLS 1.2 (and earlier) master secret.</summary>
    ClientRandom = 1,

    /// <summary>CLIENT_EARLY_TRAFFIC_SECRET: client_early_traffic_secret (0-RTT data).</summary>
    ClientEarlyTrafficSecret = 2,

    /// <summary>CLIENT_HANDSHAKE_TRAFFIC_SECRET: client_handshake_traffic_secret.</summary>
    ClientHandshakeTrafficSecret = 3,

    /// <summary>SERVER_HANDSHAKE_TRAFFIC_SECRET: server_handshake_traffic_secret.</summary>
    ServerHandshakeTrafficSecret = 4,

    /// <summary>CLIENT_TRAFFIC_SECRET_0: the first client_application_traffic_secret.</summary>
    ClientTrafficSecret0 = 5,

    /// <summary>SERVER_TRAFFIC_SECRET_0: the first server_application_traffic_secret.</summary>
    ServerTrafficSecret0 = 6,

    /// <summary>EXPORTER_SECRET: exporter_master_secret.</summary>
    ExporterSecret = 7,

    /// <summary>EARLY_EXPORTER_SECRET: early_exporter_master_secret.</summary>
    EarlyExporterSecret = 8,
}
