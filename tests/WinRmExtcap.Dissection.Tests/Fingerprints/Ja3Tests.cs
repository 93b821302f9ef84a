using WinRmExtcap.Dissection.Tls;
using WinRmExtcap.Dissection.Tls.Fingerprints;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Fingerprints;

/// <summary>JA3 and JA3S strings built by the salesforce/ja3 rules, GREASE removed.</summary>
public sealed class Ja3Tests
{
    private const ushort Grease0A = 0x0A0A;
    private const ushort GreaseFa = 0xFAFA;

    [Fact]
    public void Text_Tls13ClientWithGrease_UsesLegacyVersionAndDropsGrease()
    {
        var hello = new ClientHello
        {
            LegacyVersion = TlsVersion.Tls12,
            Random = new byte[32],
            SessionId = [],
            CipherSuites = [Grease0A, 0x1301, 0x1302, 0xC02F],
            ExtensionTypes = [GreaseFa, 0, 23, 65281, 10, 11, 43, Grease0A],
            SupportedGroups = [Grease0A, 29, 23],
            EcPointFormats = [0],
            SupportedVersions = [Grease0A, TlsVersion.Tls13, TlsVersion.Tls12],
        };

        var text = Ja3.Text(hello);

        Assert.Equal("771,4865-4866-49199,0-23-65281-10-11-43,29-23,0", text);
        Assert.Equal(32, Ja3.Hash(hello).Length);
    }

    [Fact]
    public void Text_NoExtensions_KeepsEmptyFieldsAndCommas()
    {
        var hello = new ClientHello
        {
            LegacyVersion = TlsVersion.Tls10,
            Random = new byte[32],
            SessionId = [],
            CipherSuites = [4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99],
            ExtensionTypes = [],
        };

        var text = Ja3.Text(hello);

        Assert.Equal("769,4-5-10-9-100-98-3-6-19-18-99,,,", text);
    }

    [Fact]
    public void Hash_KnownString_IsMd5OfIt()
    {
        var hello = new ClientHello
        {
            LegacyVersion = TlsVersion.Tls10,
            Random = new byte[32],
            SessionId = [],
            CipherSuites = [4, 5, 10, 9, 100, 98, 3, 6, 19, 18, 99],
            ExtensionTypes = [],
        };

        var hash = Ja3.Hash(hello);

        // md5("769,4-5-10-9-100-98-3-6-19-18-99,,,")
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(
            System.Text.Encoding.ASCII.GetBytes("769,4-5-10-9-100-98-3-6-19-18-99,,,"))), hash);
    }

    [Fact]
    public void Ja3SText_Tls13Server_IsWiresharkExampleForm()
    {
        var hello = new ServerHello
        {
            LegacyVersion = TlsVersion.Tls12,
            Random = new byte[32],
            SessionId = [],
            CipherSuite = 0x1301,
            ExtensionTypes = [51, 43],
            SelectedVersion = TlsVersion.Tls13,
        };

        var text = Ja3S.Text(hello);

        Assert.Equal("771,4865,51-43", text);
    }

    [Fact]
    public void Ja3SText_NoExtensions_EndsWithEmptyField()
    {
        var hello = new ServerHello
        {
            LegacyVersion = TlsVersion.Tls10,
            Random = new byte[32],
            SessionId = [],
            CipherSuite = 0x0005,
            ExtensionTypes = [],
        };

        var text = Ja3S.Text(hello);

        Assert.Equal("769,5,", text);
    }
}
