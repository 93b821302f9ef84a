using WinRmCerts.Probing;

namespace WinRmCerts.Tests.Probe;

/// <summary>HOST[:PORT] as users type it, IPv6 literals in and out of brackets, and what is refused.</summary>
public sealed class ProbeTargetTests
{
    [Theory]
    [InlineData("winrm01.contoso.test", "winrm01.contoso.test", 5986)]
    [InlineData("winrm01.contoso.test:443", "winrm01.contoso.test", 443)]
    [InlineData("127.0.0.1", "127.0.0.1", 5986)]
    [InlineData("127.0.0.1:15986", "127.0.0.1", 15986)]
    [InlineData("[::1]:5986", "::1", 5986)]
    [InlineData("[::1]:1", "::1", 1)]
    [InlineData("[fe80::1%2]", "fe80::1%2", 5986)]
    [InlineData("::1", "::1", 5986)]
    [InlineData("  host  ", "host", 5986)]
    public void TryParse_ValidText_ReadsHostAndPort(string text, string host, int port)
    {
        var parsed = ProbeTarget.TryParse(text, out var target, out var error);

        Assert.True(parsed, error);
        Assert.Equal(new ProbeTarget(host, port), target);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("host:https")]
    [InlineData("host:")]
    [InlineData("[::1")]
    [InlineData("[::1]5986")]
    [InlineData("[winrm01]:5986")]
    [InlineData("::1:5986:x")]
    [InlineData("https://host/wsman")]
    [InlineData(":5986")]
    public void TryParse_InvalidText_FailsWithReason(string text)
    {
        var parsed = ProbeTarget.TryParse(text, out _, out var error);

        Assert.False(parsed);
        Assert.NotEmpty(error);
    }

    [Theory]
    [InlineData("::1", 5986, "[::1]:5986")]
    [InlineData("127.0.0.1", 5986, "127.0.0.1:5986")]
    [InlineData("winrm01.contoso.test", 443, "winrm01.contoso.test:443")]
    public void ToString_RoundTripsThroughTryParse(string host, int port, string expected)
    {
        var target = new ProbeTarget(host, port);

        var text = target.ToString();

        Assert.Equal(expected, text);
        Assert.True(ProbeTarget.TryParse(text, out var again, out _));
        Assert.Equal(target, again);
    }
}
