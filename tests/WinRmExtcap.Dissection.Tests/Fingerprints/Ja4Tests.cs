using WinRmExtcap.Dissection.Tls;
using WinRmExtcap.Dissection.Tls.Fingerprints;
using WinRmExtcap.TestSupport;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Fingerprints;

/// <summary>
/// JA4 by the FoxIO rules, checked on hand-built hellos and against the JA4 project's own
/// published values for its captures (<c>python/test/testdata/*.json</c> in FoxIO-LLC/ja4, the
/// spec example <c>t13d1516h2_8daaf6152771_e5627efa2ab1</c> among them), matched by client port.
/// </summary>
public sealed class Ja4Tests
{
    private const ushort Grease = 0x2A2A;

    public static TheoryData<string, int, string> PublishedValues() => new()
    {
        { "ja4/pcap/latest.pcapng", 52936, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
        { "ja4/pcap/latest.pcapng", 52937, "t12d190800_d83cc789557e_7af1ed941c26" },
        { "ja4/pcap/latest.pcapng", 52940, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
        { "ja4/pcap/latest.pcapng", 52941, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
        { "ja4/pcap/latest.pcapng", 52938, "t13d1516h2_8daaf6152771_9b887d9acb53" },
        { "ja4/pcap/browsers-x509.pcapng", 54524, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
        { "ja4/pcap/browsers-x509.pcapng", 54525, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
        { "ja4/pcap/browsers-x509.pcapng", 54603, "t13d1516h2_8daaf6152771_e5627efa2ab1" },
    };

    [Theory]
    [MemberData(nameof(PublishedValues))]
    public void Of_Ja4ProjectCapture_EqualsPublishedValue(string relativePath, int clientPort, string expected)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, relativePath);
        Assert.True(File.Exists(path), $"corpus file missing: {path}");

        var connection = FinishedConnections.Read(path).Single(c => c.Client.Port == clientPort);

        Assert.Equal(expected, Ja4.Of(connection.ClientHello!)); // Single() found the connection by its hello.
    }

    [Fact]
    public void Of_HandBuiltHello_FollowsEveryRule()
    {
        var hello = Hello() with
        {
            CipherSuites = [Grease, 0x1301, 0xC02F, 0x00FF],
            ExtensionTypes = [Grease, TlsExtensionType.ServerName, TlsExtensionType.SupportedVersions,
                TlsExtensionType.ApplicationLayerProtocolNegotiation, TlsExtensionType.SignatureAlgorithms],
            SignatureAlgorithms = [0x0804, 0x0403],
            Alpn = ["h2", "http/1.1"],
            SupportedVersions = [Grease, TlsVersion.Tls13, TlsVersion.Tls12],
        };

        var ja4 = Ja4.Of(hello);

        // Ciphers sorted, GREASE out, SCSV kept; SNI and ALPN counted but not hashed; sig algs in wire order.
        Assert.Equal("t13d0304h2_" + Sha12("00ff,1301,c02f") + "_" + Sha12("000d,002b_0804,0403"), ja4);
    }

    [Fact]
    public void Of_NoSniNoAlpnNoExtensions_UsesIAnd00AndZeroHash()
    {
        var hello = Hello() with { CipherSuites = [0x002F], ExtensionTypes = [] };

        var ja4 = Ja4.Of(hello);

        Assert.Equal("t12i010000_" + Sha12("002f") + "_000000000000", ja4);
    }

    [Fact]
    public void Of_NoSignatureAlgorithms_HashesExtensionsWithoutUnderscore()
    {
        var hello = Hello() with { CipherSuites = [0x002F], ExtensionTypes = [TlsExtensionType.SupportedGroups] };

        var ja4 = Ja4.Of(hello);

        Assert.EndsWith("_" + Sha12("000a"), ja4, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("h2", "h2")]
    [InlineData("http/1.1", "h1")]
    [InlineData("x", "xx")]
    [InlineData("", "00")]
    [InlineData("h2\u0001", "61")]
    public void Of_Alpn_FirstAndLastCharacterOrHexDigits(string alpn, string expected)
    {
        var hello = Hello() with
        {
            Alpn = [alpn],
            ExtensionTypes = [TlsExtensionType.ApplicationLayerProtocolNegotiation],
        };

        var code = Ja4.Of(hello)[8..10];

        Assert.Equal(expected, code);
    }

    [Fact]
    public void Of_MoreThan99Ciphers_CountIsCapped()
    {
        var hello = Hello() with { CipherSuites = Enumerable.Range(1, 120).Select(v => (ushort)v).ToArray() };

        var ja4 = Ja4.Of(hello);

        Assert.Equal("99", ja4[4..6]);
    }

    [Theory]
    [InlineData(TlsVersion.Ssl3, "s3")]
    [InlineData(TlsVersion.Tls10, "10")]
    [InlineData(TlsVersion.Tls11, "11")]
    [InlineData((ushort)0x7F17, "00")]
    public void Of_LegacyVersionOnly_MapsToTwoCharacters(ushort version, string expected)
    {
        var hello = Hello() with { LegacyVersion = version };

        var ja4 = Ja4.Of(hello);

        Assert.Equal(expected, ja4[1..3]);
    }

    private static ClientHello Hello() => new()
    {
        LegacyVersion = TlsVersion.Tls12,
        Random = new byte[32],
        SessionId = [],
        CipherSuites = [],
        ExtensionTypes = [],
    };

    private static string Sha12(string text) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text)))[..12];
}
