using WinRmExtcap.Protocol;
using Xunit;

namespace WinRmExtcap.Tests.Protocol;

public sealed class InterfaceListingTests
{
    [Fact]
    public void Write_StartsWithExtcapThenInterfaceThenControls()
    {
        using var output = new StringWriter();

        InterfaceListing.Write(output);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("extcap {version=", lines[0]);
        Assert.Equal("interface {value=winrm}{display=WinRM over HTTPS}", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("control {number=0}{type=string}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("control {number=1}{type=button}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("{role=logger}"));
    }

    [Fact]
    public void Sentence_ValueWithBracesAndNewline_IsCleaned()
    {
        var sentence = Sentence.Value().With("display", "a}{b\nc").ToString();

        Assert.Equal("value {display=a)(b c}", sentence);
    }
}
