using WinRmExtcap.Options;
using WinRmExtcap.Protocol;
using Xunit;

namespace WinRmExtcap.Tests.Protocol;

public sealed class ExtcapArgumentsTests
{
    [Fact]
    public void Parse_DiscoveryWithVersionEqualsForm_IsInterfacesCall()
    {
        var arguments = ExtcapArguments.Parse(["--extcap-interfaces", "--extcap-version=4.0"]);

        Assert.Equal(ExtcapCall.Interfaces, arguments.Call);
        Assert.Equal("4.0", arguments.ValueOf(ExtcapArgumentNames.Version));
    }

    [Fact]
    public void Parse_SeparateAndEqualsForms_GiveTheSameValues()
    {
        var separate = ExtcapArguments.Parse(["--capture", "--extcap-interface", "winrm", "--fifo", "/tmp/f"]);
        var joined = ExtcapArguments.Parse(["--capture", "--extcap-interface=winrm", "--fifo=/tmp/f"]);

        Assert.Equal(ExtcapCall.Capture, separate.Call);
        Assert.Equal(ExtcapCall.Capture, joined.Call);
        Assert.Equal("winrm", separate.Interface);
        Assert.Equal(separate.Interface, joined.Interface);
        Assert.Equal("/tmp/f", separate.Fifo);
        Assert.Equal(separate.Fifo, joined.Fifo);
    }

    [Fact]
    public void Parse_WiresharkCaptureCommandLine_ReadsEveryPart()
    {
        var arguments = ExtcapArguments.Parse([
            "--capture", "--extcap-interface", "winrm", "--extcap-capture-filter", "not port 22",
            "--fifo", "/tmp/wireshark_extcap_winrm_1", "--extcap-control-out", "/tmp/out",
            "--extcap-control-in", "/tmp/in", "--device", "eth0", "--ports", "5986,5985",
            "--annotate", "false",
        ]);

        Assert.Equal(ExtcapCall.Capture, arguments.Call);
        Assert.Equal("not port 22", arguments.CaptureFilter);
        Assert.Equal("/tmp/out", arguments.ControlOut);
        Assert.Equal("/tmp/in", arguments.ControlIn);
        Assert.Equal("eth0", arguments.ValueOf(OptionNames.Device));
        Assert.Equal("5986,5985", arguments.ValueOf(OptionNames.Ports));
        Assert.Equal("false", arguments.ValueOf(OptionNames.Annotate));
    }

    [Fact]
    public void Parse_BooleanWithoutValue_MeansTrue()
    {
        var arguments = ExtcapArguments.Parse(["--capture", "--annotate", "--fifo", "/tmp/f"]);

        Assert.Equal(bool.TrueString, arguments.ValueOf(OptionNames.Annotate));
        Assert.Equal("/tmp/f", arguments.Fifo);
    }

    [Fact]
    public void Parse_UnknownOptionsAndStrayTokens_AreTolerated()
    {
        var arguments = ExtcapArguments.Parse([
            "--extcap-cleanup-postkill", "--extcap-interfaces", "--future-option", "value", "stray",
        ]);

        Assert.Equal(ExtcapCall.Interfaces, arguments.Call);
        Assert.True(arguments.HasFlag("--extcap-cleanup-postkill"));
        Assert.Equal("value", arguments.ValueOf("--future-option"));
        Assert.Equal(["stray"], arguments.Stray);
    }

    [Fact]
    public void Parse_CaptureFilterWithoutCapture_IsFilterValidation()
    {
        var arguments = ExtcapArguments.Parse(["--extcap-capture-filter", "tcp port 1", "--extcap-interface", "winrm"]);

        Assert.Equal(ExtcapCall.ValidateCaptureFilter, arguments.Call);
    }

    [Fact]
    public void Parse_ReloadOption_KeepsTheOptionName()
    {
        var arguments = ExtcapArguments.Parse([
            "--extcap-config", "--extcap-interface", "winrm", "--extcap-reload-option", "device", "--device", "lo",
        ]);

        Assert.Equal(ExtcapCall.Config, arguments.Call);
        Assert.Equal("device", arguments.ReloadOption);
        Assert.Equal("lo", arguments.ValueOf(OptionNames.Device));
    }

    [Fact]
    public void Parse_VersionAlone_IsNoCall()
    {
        var arguments = ExtcapArguments.Parse(["--extcap-version=4.4"]);

        Assert.Equal(ExtcapCall.None, arguments.Call);
    }
}
