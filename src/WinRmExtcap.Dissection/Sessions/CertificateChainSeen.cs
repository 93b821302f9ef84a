using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Dissection.Sessions;

/// <summary>A Certificate message completed in frame <see cref="FrameNumber"/> of a connection.</summary>
/// <param name="Connection">The connection that carried it.</param>
/// <param name="Role">Server chain or client certificate.</param>
/// <param name="FrameNumber">The frame whose bytes completed the message.</param>
/// <param name="TimestampNs">Capture time of that frame (Unix nanoseconds); validity is judged at it.</param>
/// <param name="Chain">The certificates in the order sent (leaf first).</param>
/// <param name="IsNew">Per certificate: true when this run had not seen it before.</param>
/// <param name="Decrypted">True when the message was recovered by decrypting TLS 1.3 records.</param>
public sealed record CertificateChainSeen(
    TlsConnection Connection,
    CertificateRole Role,
    long FrameNumber,
    long TimestampNs,
    IReadOnlyList<CertificateRecord> Chain,
    IReadOnlyList<bool> IsNew,
    bool Decrypted)
{
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimestampNs / TimeSpan.NanosecondsPerTick);

    /// <summary>The sender's endpoint.</summary>
    public Frames.NetworkEndpoint Sender => Role == CertificateRole.Server ? Connection.Server : Connection.Client;
}
