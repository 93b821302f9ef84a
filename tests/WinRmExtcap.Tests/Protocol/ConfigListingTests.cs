using WinRmExtcap.Capture;
using WinRmExtcap.Protocol;
using Xunit;

namespace WinRmExtcap.Tests.Protocol;

public sealed class ConfigListingTests
{
    private static readonly CaptureDeviceChoice[] Devices =
    [
        new("eth0", "eth0", true),
        new("lo", "lo", false),
    ];

    [Fact]
    public void Write_FullDialog_DeclaresEveryOptionWithoutRequired()
    {
        var lines = Write(reloadOption: null);

        foreach (var call in new[] { "--device", "--ports", "--server-host", "--annotate",
            "--certificate-folder", "--expected-thumbprint", "--log-level", "--log-file" })
        {
            Assert.Single(lines, l =>
                l.StartsWith("arg ", StringComparison.Ordinal) && l.Contains("{call=" + call + "}"));
        }
        Assert.DoesNotContain(lines, l => l.Contains("required", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => l.Contains("{call=--ports}") && l.Contains("{default=5986}"));
        Assert.Contains(lines, l => l.Contains("{call=--annotate}") && l.Contains("{default=true}"));
        Assert.Contains(lines, l => l.Contains("{call=--device}") && l.Contains("{reload=true}"));
        Assert.Contains(lines, l => l.Contains("{call=--log-level}") && l.Contains("{group=Debug}"));
        Assert.Contains(lines, l => l.Contains("{call=--log-file}") && l.Contains("{group=Debug}"));
    }

    [Fact]
    public void Write_FullDialog_ValuesFollowTheirArgAndOneDeviceIsDefault()
    {
        var lines = Write(reloadOption: null);

        var deviceArg = lines.FindIndex(l => l.Contains("{call=--device}"));
        var deviceValues = lines.FindAll(l => l.StartsWith("value {arg=0}", StringComparison.Ordinal));
        Assert.Equal(2, deviceValues.Count);
        Assert.True(lines.IndexOf(deviceValues[0]) > deviceArg);
        Assert.Single(deviceValues, l => l.Contains("{default=true}"));
        Assert.Contains("{value=eth0}", deviceValues.Single(l => l.Contains("{default=true}")));
    }

    [Theory]
    [InlineData("device")]
    [InlineData("--device")]
    public void Write_ReloadDevice_WritesOnlyDeviceValuesKeepingTheCurrentChoice(string reloadOption)
    {
        var lines = Write(reloadOption, currentDevice: "lo");

        Assert.All(lines, l => Assert.StartsWith("value {arg=0}", l));
        Assert.Equal(2, lines.Count);
        Assert.Contains("{value=lo}", lines.Single(l => l.Contains("{default=true}")));
    }

    [Fact]
    public void Write_ReloadOfAnotherOption_WritesNothing()
    {
        var lines = Write(reloadOption: "ports");

        Assert.Empty(lines);
    }

    private static List<string> Write(string? reloadOption, string? currentDevice = null)
    {
        using var output = new StringWriter();
        ConfigListing.Write(output, reloadOption, currentDevice, preferred => Devices
            .Select(d => d with { IsDefault = preferred is null ? d.IsDefault : d.Name == preferred })
            .ToList());
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
