using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Reporting;

namespace WinRmCerts.Commands;

/// <summary>
/// Copies a capture packet by packet into a pcapng writer, adding the comments the
/// <see cref="PacketAnnotator"/> gives each packet after the comments it already carried. Every
/// packet keeps its interface, timestamp, original length and captured bytes.
/// </summary>
public static class AnnotateCopy
{
    /// <summary>Interface blocks are written at nanosecond resolution, the finest the reader delivers.</summary>
    private const byte NanosecondDigits = PcapNgWriter.MaxTimestampDigits;

    private const long ProgressEveryPackets = 16_384;

    /// <summary>
    /// Reads <paramref name="reader"/> to its end or to the damage, writing each packet to
    /// <paramref name="writer"/>. One Interface Description Block is written per input interface,
    /// in the order the input describes them, so interface ids stay the same.
    /// </summary>
    /// <param name="reader">An open capture.</param>
    /// <param name="writer">A writer that has no interfaces yet.</param>
    /// <param name="annotator">The dissector that says which comments a packet gets.</param>
    /// <param name="progress">Called now and then with bytes read and total bytes (when known).</param>
    /// <exception cref="IOException">Writing failed. A failed read is damage, not an exception.</exception>
    public static AnnotateCopyResult Copy(
        CaptureReader reader,
        PcapNgWriter writer,
        PacketAnnotator annotator,
        Action<long, long?>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(annotator);

        var interfacesWritten = 0;
        long packets = 0;
        long annotatedPackets = 0;
        long commentsAdded = 0;
        string? damage = null;
        var secretsTaken = 0;
        while (TryRead(reader, out var packet, ref damage))
        {
            interfacesWritten = WriteNewInterfaces(reader, writer, interfacesWritten);
            secretsTaken = CaptureAnalysis.TakeEmbeddedKeyLogs(reader, secretsTaken, annotator.AddSecrets);

            var ours = WithoutRepeats(annotator.Annotate(packet), packet.Comments);
            writer.WritePacket(
                packet.InterfaceId,
                ClampTimestamp(packet.TimestampNs),
                packet.OriginalLength,
                packet.Data.Span,
                Combine(packet.Comments, ours));

            packets++;
            if (ours.Count > 0)
            {
                annotatedPackets++;
                commentsAdded += ours.Count;
            }
            if (progress is not null && packets % ProgressEveryPackets == 0)
            {
                progress(reader.BytesRead, reader.TotalBytes);
            }
        }

        // Interfaces described after the last packet (or in a capture without packets) are kept too.
        interfacesWritten = WriteNewInterfaces(reader, writer, interfacesWritten);
        annotator.Complete();
        writer.Flush();

        return new AnnotateCopyResult(packets, annotatedPackets, commentsAdded, interfacesWritten,
            annotator.Certificates.Count, damage);
    }

    /// <summary>True for a packet; false at the end, with <paramref name="damage"/> set when it came early.</summary>
    private static bool TryRead(CaptureReader reader, out CapturedPacket packet, ref string? damage)
    {
        CaptureReadStatus status;
        try
        {
            status = reader.TryReadNext(out packet);
        }
        catch (IOException e)
        {
            packet = default;
            damage = $"read failed: {e.Message}";
            return false;
        }

        if (status == CaptureReadStatus.Damaged)
        {
            damage = reader.DamageReason;
        }
        return status == CaptureReadStatus.Packet;
    }

    private static int WriteNewInterfaces(CaptureReader reader, PcapNgWriter writer, int written)
    {
        for (; written < reader.Interfaces.Count; written++)
        {
            var description = reader.Interfaces[written];
            writer.AddInterface(description.LinkType, description.SnapLength, description.Name, NanosecondDigits);
        }
        return written;
    }

    /// <summary>
    /// Drops comments the packet already carries word for word, so that annotating an annotated
    /// capture again adds nothing.
    /// </summary>
    private static IReadOnlyList<string> WithoutRepeats(IReadOnlyList<string> ours, IReadOnlyList<string> existing)
    {
        if (ours.Count == 0 || existing.Count == 0)
        {
            return ours;
        }
        return [.. ours.Where(comment => !existing.Contains(comment, StringComparer.Ordinal))];
    }

    /// <summary>Existing comments first, in their order, then ours.</summary>
    private static IReadOnlyList<string> Combine(IReadOnlyList<string> existing, IReadOnlyList<string> ours)
    {
        if (ours.Count == 0)
        {
            return existing;
        }
        if (existing.Count == 0)
        {
            return ours;
        }
        return [.. existing, .. ours];
    }

    // TODO: pcapng with if_tsoffset can describe times before 1970, which the writer cannot; such a
    // packet is written at the epoch instead of failing the whole copy.
    private static long ClampTimestamp(long timestampNs) => Math.Max(0, timestampNs);
}
