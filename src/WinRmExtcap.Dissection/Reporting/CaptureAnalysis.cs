using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Sessions;
using WinRmExtcap.Dissection.Tls.Decryption;

namespace WinRmExtcap.Dissection.Reporting;

/// <summary>How reading one capture file through the tracker went.</summary>
/// <param name="Packets">Packets read.</param>
/// <param name="DamageReason">Why reading stopped early, or null when the file was read to its end.</param>
public sealed record CaptureAnalysisResult(long Packets, string? DamageReason)
{
    public bool IsDamaged => DamageReason is not null;
}

/// <summary>Reads a whole capture through a tracker: the loop every offline command shares.</summary>
public static class CaptureAnalysis
{
    private const long ProgressEveryPackets = 16_384;

    /// <summary>
    /// Feeds every packet of <paramref name="reader"/> to <paramref name="tracker"/>, then completes
    /// the tracker. A damaged file delivers everything before the damage and says why it stopped.
    /// </summary>
    /// <param name="reader">An open capture.</param>
    /// <param name="tracker">The dissector to feed.</param>
    /// <param name="progress">Called now and then with bytes read and total bytes (when known).</param>
    public static CaptureAnalysisResult Run(CaptureReader reader, ConnectionTracker tracker,
        Action<long, long?>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(tracker);

        long packets = 0;
        var secretsTaken = 0;
        CaptureReadStatus status;
        while ((status = reader.TryReadNext(out var packet)) == CaptureReadStatus.Packet)
        {
            secretsTaken = TakeEmbeddedKeyLogs(reader, secretsTaken, tracker.AddSecrets);
            tracker.Process(packet);
            packets++;
            if (progress is not null && packets % ProgressEveryPackets == 0)
            {
                progress(reader.BytesRead, reader.TotalBytes);
            }
        }

        TakeEmbeddedKeyLogs(reader, secretsTaken, tracker.AddSecrets);
        tracker.Complete();
        return new CaptureAnalysisResult(packets, status == CaptureReadStatus.Damaged ? reader.DamageReason : null);
    }

    /// <summary>
    /// Hands each TLS key log carried in a pcapng Decryption Secrets Block that the reader met since
    /// <paramref name="alreadyTaken"/> to <paramref name="add"/>; returns the new count to pass next.
    /// </summary>
    public static int TakeEmbeddedKeyLogs(CaptureReader reader, int alreadyTaken, Action<KeyLog> add)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(add);
        var secrets = reader.Secrets;
        for (var i = alreadyTaken; i < secrets.Count; i++)
        {
            if (secrets[i].SecretsType == DecryptionSecrets.TlsKeyLog)
            {
                add(KeyLog.ParseUtf8(secrets[i].Data));
            }
        }
        return secrets.Count;
    }
}
