using System.Text;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tcp;

/// <summary>Gaps (snap length, missing segments), flushing, caps, release and retransmission history.</summary>
public sealed partial class TcpDirectionReassemblerTests
{
    [Fact]
    public void Add_SnapLengthCutsSegment_ReportsSnapGapOfCutBytes()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        // 8 bytes on the wire, 3 captured; then the next segment in full.
        reassembler.Add(InitialSequence + 1, TcpFlags.Ack, Stream.AsSpan(0, 3), 8);
        AddSegment(reassembler, 2);

        Assert.Equal("ABCIJKL", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal([(5L, GapCause.SnapLength)], _consumer.Gaps);
        Assert.Equal(1, _counters.GapCount);
        Assert.Equal(5, _counters.GapBytes);
    }

    [Fact]
    public void Add_SnapCutSegmentHeldOutOfOrder_ReportsSnapGapWhenReached()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        reassembler.Add(InitialSequence + 5, TcpFlags.Ack, Stream.AsSpan(4, 1), 4);
        AddSegment(reassembler, 0);
        AddSegment(reassembler, 2);

        Assert.Equal("ABCDEIJKL", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal([(3L, GapCause.SnapLength)], _consumer.Gaps);
    }

    [Fact]
    public void Flush_HoleBeforeHeldSegments_ReportsMissingSegmentGapThenDelivers()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 0);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 3);

        reassembler.Flush();

        Assert.Equal("ABCDIJKLMNOP", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal([(4L, GapCause.MissingSegment)], _consumer.Gaps);
        Assert.Equal(0, reassembler.PendingBytes);
        Assert.Equal(0, _counters.PendingBytes);
    }

    [Fact]
    public void Flush_TwoHoles_ReportsEachGap()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 1);
        AddSegment(reassembler, 3);

        reassembler.Flush();

        Assert.Equal("EFGHMNOP", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal([(4L, GapCause.MissingSegment), (4L, GapCause.MissingSegment)], _consumer.Gaps);
    }

    [Fact]
    public void Add_AfterFlush_StreamGoesOn()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 1);
        reassembler.Flush();

        AddSegment(reassembler, 2);

        Assert.Equal("EFGHIJKL", Encoding.ASCII.GetString(_consumer.Data));
    }

    [Fact]
    public void Add_SegmentCapReached_DeclaresHoleAndDeliversHeld()
    {
        var limits = new ReassemblyLimits { MaxPendingSegmentsPerDirection = 2 };
        var reassembler = NewReassembler(limits);
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(reassembler, 1);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 3);

        Assert.Equal("EFGHIJKLMNOP", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Single(_consumer.Gaps);
        Assert.Equal(4, _consumer.Gaps[0].MissingBytes);
        Assert.Equal(0, reassembler.PendingBytes);
    }

    [Fact]
    public void Add_ByteCapReached_DeclaresHoleAndDeliversHeld()
    {
        var limits = new ReassemblyLimits { MaxPendingBytesPerDirection = 7 };
        var reassembler = NewReassembler(limits);
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(reassembler, 2);
        var pendingAfterOne = reassembler.PendingBytes;
        AddSegment(reassembler, 3);

        Assert.Equal(4, pendingAfterOne);
        Assert.Equal("IJKLMNOP", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(8, _consumer.Gaps.Single().MissingBytes);
        Assert.Equal(0, _counters.PendingBytes);
    }

    [Fact]
    public void Add_CapReached_ReportsBufferCapCause()
    {
        var limits = new ReassemblyLimits { MaxPendingSegmentsPerDirection = 2 };
        var reassembler = NewReassembler(limits);
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(reassembler, 1);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 3);

        Assert.Equal([(4L, GapCause.BufferCap)], _consumer.Gaps);
        Assert.True(_counters.BytesDroppedAtCap > 0);
    }

    [Fact]
    public void Add_TotalCapSharedByDirections_CountsPendingAcrossBoth()
    {
        var limits = new ReassemblyLimits { MaxPendingBytesTotal = 10 };
        var other = new RecordingStreamConsumer();
        var first = NewReassembler(limits);
        var second = new TcpDirectionReassembler(other, limits, _counters);
        first.Add(InitialSequence, TcpFlags.Syn, [], 0);
        second.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(first, 2);
        AddSegment(second, 2);
        var pendingBeforeCap = _counters.PendingBytes;
        AddSegment(second, 3);

        Assert.Equal(8, pendingBeforeCap);
        Assert.Equal(4, first.PendingBytes);
        Assert.Equal(0, second.PendingBytes);
        Assert.Equal("IJKLMNOP", Encoding.ASCII.GetString(other.Data));
        Assert.Equal(4, _counters.PendingBytes);
    }

    [Fact]
    public void Add_TotalCapReachedByOtherDirection_DirectionPassingTheCapGivesWay()
    {
        var limits = new ReassemblyLimits { MaxPendingBytesTotal = 14 };
        var other = new RecordingStreamConsumer();
        var largest = NewReassembler(limits);
        var small = new TcpDirectionReassembler(other, limits, _counters);
        largest.Add(InitialSequence, TcpFlags.Syn, [], 0);
        small.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(largest, 1);
        AddSegment(largest, 2);
        AddSegment(largest, 3);

        AddSegment(small, 2);

        Assert.Equal(12, largest.PendingBytes);
        Assert.Equal(0, small.PendingBytes);
        Assert.Equal([(8L, GapCause.BufferCap)], other.Gaps);
        Assert.Equal(12, _counters.PendingBytes);
    }

    [Fact]
    public void Release_StopsDeliveryAndDropsHeldBytes()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 0);
        AddSegment(reassembler, 2);

        reassembler.Release();
        AddSegment(reassembler, 1);
        reassembler.Flush();

        Assert.True(reassembler.IsReleased);
        Assert.Equal("ABCD", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Empty(_consumer.Gaps);
        Assert.Equal(0, _counters.PendingBytes);
        Assert.Equal(4, _counters.Segments);
    }

    [Fact]
    public void Release_FromInsideConsumer_StopsDrainingHeldSegments()
    {
        var reassembler = NewReassembler();
        _consumer.AfterData = reassembler.Release;
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 1);
        AddSegment(reassembler, 2);

        AddSegment(reassembler, 0);

        Assert.Equal("ABCD", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(1, _consumer.DataCalls);
        Assert.Equal(0, _counters.PendingBytes);
    }

    [Fact]
    public void Add_HistoryShorterThanOverlap_DoesNotCountDifference()
    {
        var limits = new ReassemblyLimits { RetransmissionHistoryBytes = 2 };
        var reassembler = NewReassembler(limits);
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 0, "ABCDEFGH");
        AddBytes(reassembler, 0, "XXXXXXGH");
        AddBytes(reassembler, 6, "GX");

        Assert.Equal("ABCDEFGH", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(2, _counters.Retransmissions);
        Assert.Equal(1, _counters.RetransmissionsWithDifferentBytes);
    }
}
