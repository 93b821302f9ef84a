using WinRmExtcap.Dissection.Tcp;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>What the connection tracker looks at and how much it may hold.</summary>
public sealed record TrackerOptions
{
    /// <summary>TCP ports to look at (either side); empty means every port.</summary>
    public IReadOnlySet<ushort> Ports { get; init; } = new HashSet<ushort>();

    public ReassemblyLimits Reassembly { get; init; } = new();

    /// <summary>Connections tracked at once; beyond it the least recently active are finished.</summary>
    public int MaxConnections { get; init; } = 65_536;

    /// <summary>Largest handshake message reassembled (a Certificate message with a long chain fits).</summary>
    public int MaxHandshakeMessageLength { get; init; } = 1 << 20;

    /// <summary>
    /// TLS 1.3 session secrets (NSS key log); with them the encrypted server and client
    /// Certificate messages are recovered. pcapng Decryption Secrets Blocks add to it.
    /// </summary>
    public KeyLog KeyLog { get; init; } = KeyLog.Empty;

    /// <summary>
    /// A key log file still being written (live capture): when a TLS 1.3 connection has no keys
    /// yet, its encrypted handshake records are held (up to <see cref="MaxRecordsAwaitingKeysBytes"/>)
    /// and the file is read again as they arrive.
    /// </summary>
    public KeyLogFile? GrowingKeyLog { get; init; }

    /// <summary>Encrypted handshake bytes held per direction while waiting for its keys.</summary>
    public int MaxRecordsAwaitingKeysBytes { get; init; } = 64 * 1024;
}
