using WinRmExtcap.Capture;
using WinRmExtcap.TestSupport;
using Xunit;

namespace WinRmExtcap.Tests.Capture;

public sealed class CaptureFilterTests
{
    [Fact]
    public void Build_PortsOnly_IsPortDisjunction()
    {
        var filter = CaptureFilter.Build(null, [5986, 5985], null);

        Assert.Equal("(tcp port 5986 or tcp port 5985)", filter);
    }

    [Fact]
    public void Build_WiresharkFilterAndHost_AreCombinedWithAnd()
    {
        var filter = CaptureFilter.Build("not host 10.0.0.1", [5986], "192.0.2.10");

        Assert.Equal("(not host 10.0.0.1) and (tcp port 5986) and (host 192.0.2.10)", filter);
    }

    [RequiresFact("tcpdump")] // tcpdump stands for libpcap being installed.
    public void Check_ValidAndInvalidFilters_AreToldApart()
    {
        var valid = CaptureFilter.Check(CaptureFilter.Build("tcp[tcpflags] & tcp-syn != 0", [5986], "127.0.0.1"));
        var invalid = CaptureFilter.Check("hots x");

        Assert.Null(valid);
        Assert.Contains("syntax error", invalid, StringComparison.Ordinal);
    }
}
