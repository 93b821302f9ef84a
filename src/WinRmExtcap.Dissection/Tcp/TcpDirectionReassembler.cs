using WinRmExtcap.Dissection.Frames;

namespace WinRmExtcap.Dissection.Tcp;

/// <summary>
/// Puts one direction of a TCP connection back in order (RFC 9293 section 3.4: sequence numbers)
/// and hands the bytes to a consumer exactly once, in order. Handles retransmissions and overlaps
/// (the first copy wins; a later copy with different bytes is counted), out-of-order segments,
/// connections whose SYN was not captured, sequence wrap-around, snap-length cuts and missing
/// segments (reported as gaps, after which the stream goes on).
/// </summary>
public sealed class TcpDirectionReassembler
{
    private readonly ITcpStreamConsumer _consumer;
    private readonly ReassemblyLimits _limits;
    private readonly ReassemblyCounters _counters;
    private readonly List<PendingSegment> _pending = [];
    private byte[] _history = [];
    private int _historyLength;
    private int _pendingBytes;
    private bool _started;
    private bool _released;
    private uint _nextSequence;

    public TcpDirectionReassembler(ITcpStreamConsumer consumer, ReassemblyLimits limits, ReassemblyCounters counters)
    {
        _consumer = consumer;
        _limits = limits;
        _counters = counters;
    }

    /// <summary>True once <see cref="Release"/> was called: segments are counted, not delivered.</summary>
    public bool IsReleased => _released;

    /// <summary>Out-of-order bytes held right now.</summary>
    public int PendingBytes => _pendingBytes;

    /// <summary>
    /// Takes one segment of this direction. <paramref name="payload"/> holds the captured payload
    /// bytes; <paramref name="wirePayloadLength"/> is what the IP header declares, larger when the
    /// snap length cut the frame.
    /// </summary>
    public void Add(uint sequenceNumber, TcpFlags flags, ReadOnlySpan<byte> payload, int wirePayloadLength)
    {
        _counters.Segments++;
        if (_released)
        {
            return;
        }

        var dataSequence = sequenceNumber;
        if ((flags & TcpFlags.Syn) != 0)
        {
            dataSequence++;
            if (!_started || _historyLength == 0)
            {
                _nextSequence = dataSequence;
                _started = true;
            }
        }
        if (wirePayloadLength <= 0)
        {
            return;
        }
        if (!_started)
        {
            _nextSequence = dataSequence;
            _started = true;
        }

        var captured = payload[..Math.Min(payload.Length, wirePayloadLength)];
        var distance = (int)(dataSequence - _nextSequence);
        if (distance == int.MinValue)
        {
            // Exactly half the sequence space away: neither ahead nor behind (RFC 9293 section
            // 3.4 compares within a window); a corrupted or spoofed segment, ignored.
            _counters.Retransmissions++;
            return;
        }
        if (distance > 0)
        {
            _counters.OutOfOrderSegments++;
            Hold(dataSequence, captured, wirePayloadLength);
            return;
        }

        Deliver(distance, captured, wirePayloadLength);
        DrainPending();
    }

    /// <summary>
    /// Declares every hole before held segments a gap and delivers what is held. Called when the
    /// connection ends, when the capture ends, and when a cap is reached.
    /// </summary>
    public void Flush() => Flush(GapCause.MissingSegment);

    private void Flush(GapCause cause)
    {
        while (_pending.Count > 0)
        {
            var first = _pending[0];
            var missing = (int)(first.Sequence - _nextSequence);
            if (missing > 0)
            {
                if (cause == GapCause.BufferCap)
                {
                    _counters.BytesDroppedAtCap += missing;
                }
                ReportGap(missing, cause);
                _nextSequence = first.Sequence;
            }
            DrainPending();
        }
    }

    /// <summary>
    /// Stops delivering and drops every buffer: the consumer has what it needs (for TLS, the
    /// handshake is over and the rest is encrypted).
    /// </summary>
    public void Release()
    {
        _released = true;
        _counters.PendingBytes -= _pendingBytes;
        _pendingBytes = 0;
        _pending.Clear();
        _history = [];
        _historyLength = 0;
    }

    private void Deliver(int distance, ReadOnlySpan<byte> captured, int wireLength)
    {
        // distance <= 0: the segment starts at or before the next expected byte.
        var alreadyDelivered = -distance;
        if (alreadyDelivered >= wireLength)
        {
            _counters.Retransmissions++;
            CompareWithHistory(alreadyDelivered, captured);
            return;
        }
        if (alreadyDelivered > 0)
        {
            _counters.Retransmissions++;
            CompareWithHistory(alreadyDelivered, captured[..Math.Min(alreadyDelivered, captured.Length)]);
        }

        var fresh = alreadyDelivered < captured.Length ? captured[alreadyDelivered..] : [];
        if (!fresh.IsEmpty)
        {
            Remember(fresh);
            _consumer.OnData(fresh);
            if (_released)
            {
                return;
            }
        }

        var freshWire = wireLength - alreadyDelivered;
        var cut = freshWire - fresh.Length;
        _nextSequence += (uint)freshWire;
        if (cut > 0)
        {
            ReportGap(cut, GapCause.SnapLength);
        }
    }

    private void DrainPending()
    {
        while (_pending.Count > 0 && !_released)
        {
            var first = _pending[0];
            var distance = (int)(first.Sequence - _nextSequence);
            if (distance > 0)
            {
                return;
            }
            _pending.RemoveAt(0);
            _pendingBytes -= first.Bytes.Length;
            _counters.PendingBytes -= first.Bytes.Length;
            Deliver(distance, first.Bytes, first.WireLength);
        }
    }

    private void Hold(uint sequence, ReadOnlySpan<byte> captured, int wireLength)
    {
        var distance = (int)(sequence - _nextSequence);
        var index = _pending.Count;
        while (index > 0 && (int)(_pending[index - 1].Sequence - _nextSequence) > distance)
        {
            index--;
        }
        if (index > 0 && _pending[index - 1].Sequence == sequence)
        {
            MergeWithHeld(index - 1, captured, wireLength);
            return;
        }

        _pending.Insert(index, new PendingSegment(sequence, captured.ToArray(), wireLength));
        _pendingBytes += captured.Length;
        _counters.PendingBytes += captured.Length;
        GiveWayAtCap();
    }

    /// <summary>
    /// A segment with the sequence number of one already held: the first copy's bytes win, a
    /// difference in the overlap is counted, and a longer copy adds its extra bytes.
    /// </summary>
    private void MergeWithHeld(int index, ReadOnlySpan<byte> captured, int wireLength)
    {
        _counters.Retransmissions++;
        var held = _pending[index];
        var overlap = Math.Min(held.Bytes.Length, captured.Length);
        if (!held.Bytes.AsSpan(0, overlap).SequenceEqual(captured[..overlap]))
        {
            _counters.RetransmissionsWithDifferentBytes++;
        }
        if (captured.Length <= held.Bytes.Length && wireLength <= held.WireLength)
        {
            return;
        }

        var merged = new byte[Math.Max(held.Bytes.Length, captured.Length)];
        captured.CopyTo(merged);
        held.Bytes.CopyTo(merged, 0);
        _pending[index] = new PendingSegment(held.Sequence, merged, Math.Max(held.WireLength, wireLength));
        _pendingBytes += merged.Length - held.Bytes.Length;
        _counters.PendingBytes += merged.Length - held.Bytes.Length;
        GiveWayAtCap();
    }

    /// <summary>
    /// Past a cap, the hole before the held segments is given up as a gap (cause
    /// <see cref="GapCause.BufferCap"/>). For the run-wide cap, the direction whose segment
    /// would pass it is the one that gives way.
    /// </summary>
    private void GiveWayAtCap()
    {
        if (_pendingBytes > _limits.MaxPendingBytesPerDirection
            || _pending.Count > _limits.MaxPendingSegmentsPerDirection
            || _counters.PendingBytes > _limits.MaxPendingBytesTotal)
        {
            Flush(GapCause.BufferCap);
        }
    }

    private void ReportGap(long missing, GapCause cause)
    {
        _counters.GapCount++;
        _counters.GapBytes += missing;
        _historyLength = 0;
        _consumer.OnGap(missing, cause);
    }

    private void Remember(ReadOnlySpan<byte> delivered)
    {
        var capacity = _limits.RetransmissionHistoryBytes;
        if (capacity <= 0)
        {
            return;
        }
        if (_history.Length == 0)
        {
            _history = new byte[capacity];
        }
        if (delivered.Length >= capacity)
        {
            delivered[^capacity..].CopyTo(_history);
            _historyLength = capacity;
            return;
        }
        var keep = Math.Min(_historyLength, capacity - delivered.Length);
        _history.AsSpan(_historyLength - keep, keep).CopyTo(_history);
        delivered.CopyTo(_history.AsSpan(keep));
        _historyLength = keep + delivered.Length;
    }

    /// <summary>
    /// Compares the already-delivered part of a segment with what was delivered before: the
    /// segment's first byte sits <paramref name="alreadyDelivered"/> bytes before the stream end.
    /// </summary>
    private void CompareWithHistory(int alreadyDelivered, ReadOnlySpan<byte> overlap)
    {
        if (alreadyDelivered > _historyLength || overlap.IsEmpty)
        {
            return;
        }
        var start = _historyLength - alreadyDelivered;
        var length = Math.Min(overlap.Length, alreadyDelivered);
        if (!_history.AsSpan(start, length).SequenceEqual(overlap[..length]))
        {
            _counters.RetransmissionsWithDifferentBytes++;
        }
    }

    private sealed record PendingSegment(uint Sequence, byte[] Bytes, int WireLength);
}
