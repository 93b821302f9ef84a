using WinRmExtcap.Control;
using Xunit;

namespace WinRmExtcap.Tests.Control;

public sealed class ControlMessageTests
{
    // 'T' | length 00 00 05 (control + command + 3 payload bytes) | control 01 | command 01 (Set) | "abc"
    private static readonly byte[] SetAbc = Convert.FromHexString("54" + "000005" + "01" + "01" + "616263");

    [Fact]
    public void Encode_Set_MatchesTheWireLayout()
    {
        var message = new ControlMessage(1, ControlCommand.Set, "abc"u8.ToArray());

        var frame = message.Encode();

        Assert.Equal(SetAbc, frame);
    }

    [Fact]
    public void TryDecode_WholeFrame_ReadsEveryField()
    {
        var decoded = ControlMessage.TryDecode(SetAbc, out var message, out var consumed, out var isToolbar);

        Assert.True(decoded);
        Assert.True(isToolbar);
        Assert.Equal(SetAbc.Length, consumed);
        Assert.Equal(1, message.ControlNumber);
        Assert.Equal(ControlCommand.Set, message.Command);
        Assert.Equal("abc"u8.ToArray(), message.Payload);
    }

    [Fact]
    public void TryDecode_EveryTruncatedPrefix_NeedsMoreAndConsumesNothing()
    {
        for (var length = 0; length < SetAbc.Length; length++)
        {
            var decoded = ControlMessage.TryDecode(SetAbc.AsSpan(0, length), out _, out var consumed, out _);

            Assert.False(decoded, $"prefix of {length} bytes");
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void TryDecode_InitializedWithoutPayload_IsRead()
    {
        // 'T' | length 00 00 02 | control 00 | command 00 (Initialized)
        var frame = Convert.FromHexString("54" + "000002" + "00" + "00");

        var decoded = ControlMessage.TryDecode(frame, out var message, out var consumed, out var isToolbar);

        Assert.True(decoded && isToolbar);
        Assert.Equal(frame.Length, consumed);
        Assert.Equal(ControlCommand.Initialized, message.Command);
        Assert.Empty(message.Payload);
    }

    [Fact]
    public void TryDecode_FrameNotStartingWithT_IsConsumedAndSkipped()
    {
        var frame = Convert.FromHexString("58" + "000002" + "00" + "00");

        var decoded = ControlMessage.TryDecode(frame, out _, out var consumed, out var isToolbar);

        Assert.True(decoded);
        Assert.False(isToolbar);
        Assert.Equal(frame.Length, consumed);
    }
}
