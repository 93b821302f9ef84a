using System.Text;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Tcp;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tcp;

public sealed partial class TcpDirectionReassemblerTests
{
    private const uint InitialSequence = 1000;

    /// <summary>"ABCDEFGHIJKLMNOP": four 4-byte segments at sequence 1001, 1005, 1009 and 1013.</summary>
    private static readonly byte[] Stream = Encoding.ASCII.GetBytes("ABCDEFGHIJKLMNOP");

    private readonly RecordingStreamConsumer _consumer = new();
    private readonly ReassemblyCounters _counters = new();

    [Fact]
    public void Add_SegmentsInOrder_DeliversStreamOnce()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        for (var i = 0; i < 4; i++)
        {
            AddSegment(reassembler, i);
        }

        Assert.Equal(Stream, _consumer.Data);
        Assert.Empty(_consumer.Gaps);
        Assert.Equal(0, _counters.OutOfOrderSegments);
        Assert.Equal(0, reassembler.PendingBytes);
    }

    [Fact]
    public void Add_SegmentsInReverseOrder_HoldsThenDeliversInOrder()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(reassembler, 3);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 1);
        var heldBeforeFirst = reassembler.PendingBytes;
        AddSegment(reassembler, 0);

        Assert.Equal(12, heldBeforeFirst);
        Assert.Equal(Stream, _consumer.Data);
        Assert.Equal(3, _counters.OutOfOrderSegments);
        Assert.Equal(0, reassembler.PendingBytes);
        Assert.Equal(0, _counters.PendingBytes);
    }

    [Theory]
    [MemberData(nameof(Permutations))]
    public void Add_EveryPermutationOfFourSegments_DeliversSameStream(int[] order)
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        foreach (var index in order)
        {
            AddSegment(reassembler, index);
        }

        Assert.Equal(Stream, _consumer.Data);
        Assert.Empty(_consumer.Gaps);
        Assert.Equal(0, reassembler.PendingBytes);
    }

    public static TheoryData<int[]> Permutations()
    {
        var data = new TheoryData<int[]>();
        foreach (var permutation in Permute([0, 1, 2, 3]))
        {
            data.Add(permutation);
        }
        return data;
    }

    [Fact]
    public void Add_DuplicateSegments_DeliveredOnceAndCounted()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddSegment(reassembler, 0);
        AddSegment(reassembler, 0);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 2);
        AddSegment(reassembler, 1);
        AddSegment(reassembler, 3);
        AddSegment(reassembler, 1);

        Assert.Equal(Stream, _consumer.Data);
        Assert.Equal(3, _counters.Retransmissions);
        Assert.Equal(0, _counters.RetransmissionsWithDifferentBytes);
    }

    [Fact]
    public void Add_OverlapWithSameBytes_DeliversOnlyNewTail()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 0, "ABCDEF");
        AddBytes(reassembler, 4, "EFGHIJ");

        Assert.Equal("ABCDEFGHIJ", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(1, _counters.Retransmissions);
        Assert.Equal(0, _counters.RetransmissionsWithDifferentBytes);
    }

    [Fact]
    public void Add_OverlapWithDifferentBytes_FirstCopyWinsAndCounted()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 0, "ABCDEF");
        AddBytes(reassembler, 4, "XYGHIJ");

        Assert.Equal("ABCDEFGHIJ", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(1, _counters.RetransmissionsWithDifferentBytes);
    }

    [Fact]
    public void Add_RetransmissionWithDifferentBytes_FirstCopyWinsAndCounted()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 0, "ABCD");
        AddBytes(reassembler, 4, "EFGH");
        AddBytes(reassembler, 0, "ABXD");

        Assert.Equal("ABCDEFGH", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(1, _counters.Retransmissions);
        Assert.Equal(1, _counters.RetransmissionsWithDifferentBytes);
    }

    [Fact]
    public void Add_HeldDuplicateWithDifferentBytes_FirstCopyWinsAndCounted()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 4, "EFGH");
        AddBytes(reassembler, 4, "XXXX");
        AddBytes(reassembler, 0, "ABCD");

        Assert.Equal("ABCDEFGH", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Equal(1, _counters.RetransmissionsWithDifferentBytes);
    }

    [Fact]
    public void Add_LongerRetransmissionOfHeldSegment_KeepsExtraBytes()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        AddBytes(reassembler, 4, "EFGH");
        AddBytes(reassembler, 4, "EFGHIJKL");
        AddBytes(reassembler, 0, "ABCD");
        reassembler.Flush();

        Assert.Equal("ABCDEFGHIJKL", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Empty(_consumer.Gaps);
    }

    [Fact]
    public void Add_SequenceWrapsAround_DeliversAcrossZero()
    {
        const uint nearWrap = uint.MaxValue - 5;
        var reassembler = NewReassembler();
        reassembler.Add(nearWrap, TcpFlags.Syn, [], 0);

        // Stream offsets 0..15 sit at sequence 2^32 - 4 .. 11: the second segment crosses zero.
        reassembler.Add(unchecked(nearWrap + 1 + 12), TcpFlags.Ack, Stream.AsSpan(12, 4), 4);
        reassembler.Add(unchecked(nearWrap + 1 + 4), TcpFlags.Ack, Stream.AsSpan(4, 8), 8);
        reassembler.Add(nearWrap + 1, TcpFlags.Ack, Stream.AsSpan(0, 4), 4);

        Assert.Equal(Stream, _consumer.Data);
        Assert.Empty(_consumer.Gaps);
    }

    [Fact]
    public void Add_RetransmissionAcrossWrap_RecognisedAsRetransmission()
    {
        const uint nearWrap = uint.MaxValue - 1;
        var reassembler = NewReassembler();

        reassembler.Add(nearWrap, TcpFlags.Ack, Stream.AsSpan(0, 8), 8);
        reassembler.Add(nearWrap, TcpFlags.Ack, Stream.AsSpan(0, 8), 8);
        reassembler.Add(unchecked(nearWrap + 8), TcpFlags.Ack, Stream.AsSpan(8, 8), 8);

        Assert.Equal(Stream, _consumer.Data);
        Assert.Equal(1, _counters.Retransmissions);
    }

    [Fact]
    public void Add_SynCarriesSequenceOfNoData_FirstDataByteFollowsIt()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);

        // Data at InitialSequence + 5 while InitialSequence + 1 is next: held, not delivered.
        AddSegment(reassembler, 1);

        Assert.Empty(_consumer.Data);
        Assert.Equal(4, reassembler.PendingBytes);
    }

    [Fact]
    public void Add_NoSyn_StartsAtFirstSegment()
    {
        var reassembler = NewReassembler();

        AddSegment(reassembler, 2);
        AddSegment(reassembler, 3);

        Assert.Equal("IJKLMNOP", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Empty(_consumer.Gaps);
    }

    [Fact]
    public void Add_SynWithData_DeliversDataAfterSynSequence()
    {
        var reassembler = NewReassembler();

        reassembler.Add(InitialSequence, TcpFlags.Syn, Stream.AsSpan(0, 4), 4);
        AddSegment(reassembler, 1);

        Assert.Equal("ABCDEFGH", Encoding.ASCII.GetString(_consumer.Data));
    }

    [Fact]
    public void Add_RandomOrderOverlapsAtDistinctSequences_DeliversStreamExactlyOnce()
    {
        var random = new Random(20261204);

        for (var round = 0; round < 50; round++)
        {
            var (stream, consumer) = ReassembleRandomSegments(random, distinctSequences: true);

            Assert.Empty(consumer.Gaps);
            Assert.Equal(stream, consumer.Data);
        }
    }

    [Fact]
    public void Add_RandomOrderDuplicatesAndOverlaps_DeliversStreamExactlyOnce()
    {
        var random = new Random(20261204);

        for (var round = 0; round < 50; round++)
        {
            var (stream, consumer) = ReassembleRandomSegments(random, distinctSequences: false);

            Assert.Empty(consumer.Gaps);
            Assert.Equal(stream, consumer.Data);
        }
    }

    /// <summary>
    /// Cuts a random 4 KiB stream into 100-byte segments covering it plus 200 random overlapping
    /// ones, and feeds them all in random order, then flushes.
    /// </summary>
    private static (byte[] Stream, RecordingStreamConsumer Consumer) ReassembleRandomSegments(
        Random random,
        bool distinctSequences)
    {
        var stream = new byte[4096];
        random.NextBytes(stream);
        var consumer = new RecordingStreamConsumer();
        var reassembler = new TcpDirectionReassembler(consumer, new ReassemblyLimits(), new ReassemblyCounters());
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        var segments = new List<(int Offset, int Length)>();
        for (var offset = 0; offset < stream.Length; offset += 100)
        {
            segments.Add((offset, Math.Min(100, stream.Length - offset)));
        }
        for (var i = 0; i < 200; i++)
        {
            var offset = random.Next(stream.Length);
            segments.Add((offset, Math.Min(random.Next(1, 120), stream.Length - offset)));
        }
        if (distinctSequences)
        {
            segments = [.. segments.GroupBy(s => s.Offset).Select(g => g.MaxBy(s => s.Length))];
        }

        foreach (var (offset, length) in segments.OrderBy(_ => random.Next()))
        {
            reassembler.Add(InitialSequence + 1 + (uint)offset, TcpFlags.Ack, stream.AsSpan(offset, length), length);
        }
        reassembler.Flush();
        return (stream, consumer);
    }

    private TcpDirectionReassembler NewReassembler(ReassemblyLimits? limits = null) =>
        new(_consumer, limits ?? new ReassemblyLimits(), _counters);

    private static void AddSegment(TcpDirectionReassembler reassembler, int index)
    {
        const int segmentLength = 4;
        var offset = index * segmentLength;
        reassembler.Add(InitialSequence + 1 + (uint)offset, TcpFlags.Ack, Stream.AsSpan(offset, segmentLength),
            segmentLength);
    }

    private static void AddBytes(TcpDirectionReassembler reassembler, int streamOffset, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        reassembler.Add(InitialSequence + 1 + (uint)streamOffset, TcpFlags.Ack, bytes, bytes.Length);
    }

    private static IEnumerable<int[]> Permute(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permute(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    [Fact]
    public void Add_SegmentHalfTheSequenceSpaceAway_IgnoredAndStreamContinues()
    {
        var reassembler = NewReassembler();
        reassembler.Add(InitialSequence, TcpFlags.Syn, [], 0);
        AddSegment(reassembler, 0);

        reassembler.Add(InitialSequence + 1 + 4 + (1u << 31), TcpFlags.Ack, Stream.AsSpan(4, 4), 4);
        AddSegment(reassembler, 1);

        Assert.Equal("ABCDEFGH", Encoding.ASCII.GetString(_consumer.Data));
        Assert.Empty(_consumer.Gaps);
    }
}
