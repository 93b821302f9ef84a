using WinRmCerts.Probing;

namespace WinRmCerts.Tests.Probe;

/// <summary>Durations for --timeout and --watch.</summary>
public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("10", 10_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData(" 2S ", 2_000)]
    public void TryParse_Duration_ReadsMilliseconds(string text, long milliseconds)
    {
        var parsed = DurationText.TryParse(text, out var duration);

        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5s")]
    [InlineData("5 minutes")]
    [InlineData("ms")]
    [InlineData("1e3s")]
    public void TryParse_NotADuration_Fails(string text)
    {
        var parsed = DurationText.TryParse(text, out _);

        Assert.False(parsed);
    }
}
