using WinRmExtcap.Options;
using WinRmExtcap.Protocol;
using Xunit;

namespace WinRmExtcap.Tests.Options;

public sealed class CaptureSettingsTests
{
    [Fact]
    public void From_OnlyFifo_UsesDefaults()
    {
        var settings = CaptureSettings.From(ExtcapArguments.Parse(["--capture", "--fifo", "/tmp/f"]));

        Assert.Equal([5986], settings.Ports);
        Assert.True(settings.Annotate);
        Assert.Null(settings.ExpectedThumbprint);
        Assert.Null(settings.Device);
    }

    [Fact]
    public void From_PastedThumbprintWithMarksAndSpaces_IsNormalised()
    {
        var settings = CaptureSettings.From(ExtcapArguments.Parse([
            "--capture", "--fifo", "/tmp/f", "--expected-thumbprint",
            "\u200e9d 93 ab 01 23 45 67 89 ab cd ef 01 23 45 67 89 ab cd 00 52",
        ]));

        Assert.Equal("9D93AB0123456789ABCDEF0123456789ABCD0052", settings.ExpectedThumbprint?.Hex);
    }

    [Theory]
    [InlineData("--ports", "0")]
    [InlineData("--ports", "65536")]
    [InlineData("--ports", "5986,https")]
    [InlineData("--expected-thumbprint", "ABC")]
    [InlineData("--server-host", "a) or (b")]
    [InlineData("--log-level", "chatty")]
    public void From_BadValue_IsUsageError(string option, string value)
    {
        var arguments = ExtcapArguments.Parse(["--capture", "--fifo", "/tmp/f", option, value]);

        var error = Assert.Throws<ExtcapUsageException>(() => CaptureSettings.From(arguments));

        Assert.Equal(ExitCode.UsageError, error.ExitCode);
        Assert.Contains(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_NoFifo_IsUsageError()
    {
        var arguments = ExtcapArguments.Parse(["--capture", "--extcap-interface", "winrm"]);

        var error = Assert.Throws<ExtcapUsageException>(() => CaptureSettings.From(arguments));

        Assert.Contains("--fifo", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("FALSE", false)]
    [InlineData("true", true)]
    [InlineData("1", true)]
    public void From_AnnotateValue_FollowsWiresharkBooleanRule(string value, bool expected)
    {
        var settings = CaptureSettings.From(ExtcapArguments.Parse(["--capture", "--fifo", "f", "--annotate", value]));

        Assert.Equal(expected, settings.Annotate);
    }
}
