using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Tests.Tls;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Certificates;

public sealed class ThumbprintTests
{
    private const string Canonical = "9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652";

    [Theory]
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652")]                          // as Windows shows it
    [InlineData("9d93a4f5c2b1e0d3f6a7b8c9d0e1f2a3b4c5d652")]                          // lower case
    [InlineData("9d 93 a4 f5 c2 b1 e0 d3 f6 a7 b8 c9 d0 e1 f2 a3 b4 c5 d6 52")]       // certmgr details tab
    [InlineData("9D:93:A4:F5:C2:B1:E0:D3:F6:A7:B8:C9:D0:E1:F2:A3:B4:C5:D6:52")]       // openssl -fingerprint
    [InlineData("9D-93-A4-F5-C2-B1-E0-D3-F6-A7-B8-C9-D0-E1-F2-A3-B4-C5-D6-52")]       // hyphens
    [InlineData("\u200E9d 93 a4 f5 c2 b1 e0 d3 f6 a7 b8 c9 d0 e1 f2 a3 b4 c5 d6 52")] // left-to-right mark copied
    [InlineData("\uFEFF9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652\u202C")]             // BOM and pop directional
    [InlineData("  9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652\r\n")]                   // pasted with a line end
    public void TryParse_PastedForms_Canonical(string text)
    {
        var parsed = Thumbprint.TryParse(text, out var thumbprint);

        Assert.True(parsed);
        Assert.Equal(Canonical, thumbprint.Hex);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D65")]      // 39 digits
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D6520")]    // 41 digits
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652" + "9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D652")]
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D65G")]     // not hex
    [InlineData("0x9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D6")]     // prefix
    [InlineData("9D93A4F5C2B1E0D3F6A7B8C9D0E1F2A3B4C5D6;52")]    // other separator
    public void TryParse_NotFortyHexDigits_False(string? text)
    {
        var parsed = Thumbprint.TryParse(text, out var thumbprint);

        Assert.False(parsed);
        Assert.Equal(default, thumbprint);
    }

    [Fact]
    public void Of_Der_SameAsPlatformThumbprint()
    {
        var der = TestChain.Leaf.RawData;

        var thumbprint = Thumbprint.Of(der);

        Assert.Equal(TestChain.Leaf.Thumbprint, thumbprint.Hex);
        Assert.Equal(TestChain.Leaf.Thumbprint, thumbprint.ToString());
    }

    [Fact]
    public void TryParse_PastedFormOfComputed_EqualToComputed()
    {
        var computed = Thumbprint.Of(TestChain.Leaf.RawData);
        var pasted = "\u200E" + string.Join(' ', computed.Hex.ToLowerInvariant().Chunk(2).Select(c => new string(c)));

        var parsed = Thumbprint.TryParse(pasted, out var thumbprint);

        Assert.True(parsed);
        Assert.Equal(computed, thumbprint);
    }

    [Fact]
    public void Default_EmptyHex()
    {
        var thumbprint = default(Thumbprint);

        Assert.Equal(string.Empty, thumbprint.Hex);
    }
}
