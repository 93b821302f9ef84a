using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Frames;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Frames;

/// <summary>Truncated, corrupted and random input: the decoder never throws and stays in bounds.</summary>
public sealed partial class FrameDecoderTests
{
    private const int RandomFramesPerLinkType = 100_000;
    private const int RandomSeed = 5986;
    private const int TcpHeaderLength = 20;

    [Theory]
    [MemberData(nameof(ValidFrameNames))]
    public void TryDecode_EveryTruncatedPrefix_ReturnsTruncatedOrShorterPayload(string name)
    {
        var (linkType, bytes, expected) = ValidFrames[name];
        var headerEnd = expected.PayloadOffset;

        for (var length = 0; length < bytes.Length; length++)
        {
            var status = FrameDecoder.TryDecode(linkType, bytes.AsSpan(0, length), out var segment);

            if (length < headerEnd)
            {
                Assert.Equal(FrameDecodeStatus.Truncated, status);
                continue;
            }
            Assert.Equal(FrameDecodeStatus.Tcp, status);
            Assert.Equal(expected with { CapturedPayloadLength = length - headerEnd }, segment);
        }
    }

    [Theory]
    [MemberData(nameof(ValidFrameNames))]
    public void TryDecode_CorruptedByteAtEveryHeaderPosition_NeverThrows(string name)
    {
        var (linkType, bytes, expected) = ValidFrames[name];
        byte[] corruptions = [0x00, 0x01, 0x05, 0x0F, 0x40, 0x45, 0x60, 0x7F, 0x80, 0xF0, 0xFF];

        var outcomes = new HashSet<FrameDecodeStatus>();
        for (var position = 0; position < expected.PayloadOffset; position++)
        {
            foreach (var corruption in corruptions)
            {
                var corrupted = (byte[])bytes.Clone();
                corrupted[position] = corruption;

                var status = FrameDecoder.TryDecode(linkType, corrupted, out var segment);

                AssertConsistent(corrupted, status, segment);
                outcomes.Add(status);
            }
        }

        Assert.Contains(FrameDecodeStatus.Tcp, outcomes);
        Assert.True(outcomes.Count > 1, $"only {string.Join(", ", outcomes)} seen");
    }

    [Theory]
    [InlineData(LinkType.Ethernet)]
    [InlineData(LinkType.LinuxSll)]
    [InlineData(LinkType.LinuxSll2)]
    [InlineData(LinkType.Null)]
    [InlineData(LinkType.Loop)]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.Ipv4)]
    [InlineData(LinkType.Ipv6)]
    public void TryDecode_RandomBytes_NeverThrows(LinkType linkType)
    {
        var random = new Random(RandomSeed);
        var buffer = new byte[256];
        var starts = ValidFrames.Values
            .Where(frame => frame.LinkType == linkType)
            .Select(frame => frame.Bytes)
            .ToArray();

        var tcpCount = 0;
        for (var i = 0; i < RandomFramesPerLinkType; i++)
        {
            var length = random.Next(buffer.Length + 1);
            random.NextBytes(buffer);
            if (i % 2 == 0 && starts.Length > 0)
            {
                // Half the frames start from a valid one with a few bytes changed, to get past the
                // outer headers often enough to exercise the inner ones.
                var start = starts[random.Next(starts.Length)];
                length = random.Next(start.Length + 1);
                start.AsSpan(0, length).CopyTo(buffer);
                for (var flips = random.Next(1, 4); flips > 0 && length > 0; flips--)
                {
                    buffer[random.Next(length)] = (byte)random.Next(byte.MaxValue + 1);
                }
            }
            var frame = buffer.AsSpan(0, length);

            var status = FrameDecoder.TryDecode(linkType, frame, out var segment);

            AssertConsistent(frame, status, segment);
            tcpCount += status == FrameDecodeStatus.Tcp ? 1 : 0;
        }

        Assert.True(tcpCount > 0, "no random frame reached TCP");
    }

    private static void AssertConsistent(
        ReadOnlySpan<byte> frame,
        FrameDecodeStatus status,
        TcpSegment segment)
    {
        if (status != FrameDecodeStatus.Tcp)
        {
            Assert.Equal(default, segment);
            return;
        }
        Assert.InRange(segment.PayloadOffset, TcpHeaderLength, frame.Length);
        Assert.InRange(segment.CapturedPayloadLength, 0, frame.Length - segment.PayloadOffset);
        Assert.True(segment.WirePayloadLength >= segment.CapturedPayloadLength);
    }
}
