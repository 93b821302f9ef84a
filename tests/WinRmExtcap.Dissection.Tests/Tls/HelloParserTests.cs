using WinRmExtcap.Dissection.Tls;
using Xunit;
using static WinRmExtcap.Dissection.Tests.Tls.TlsWire;

namespace WinRmExtcap.Dissection.Tests.Tls;

public sealed class HelloParserTests
{
    /// <summary>RFC 8446 section 4.1.3: SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest.</summary>
    private const string HelloRetryRequestRandomHex =
        "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C";

    /// <summary>
    /// Offset of the extensions length in <see cref="FullClientHello"/>: version, random, session
    /// id, cipher suites, compression methods.
    /// </summary>
    private const int ClientHelloExtensionsOffset = 2 + 32 + 1 + 32 + 2 + 8 + 2;

    /// <summary>Offset of the extensions length in a ServerHello echoing a 32-byte session id.</summary>
    private const int ServerHelloExtensionsOffset = 2 + 32 + 1 + 32 + 2 + 1;

    /// <summary>
    /// A browser-like ClientHello: GREASE in cipher suites, extensions, groups and versions, then
    /// SNI, groups, point formats, signature algorithms, ALPN, supported_versions, a session
    /// ticket and a pre_shared_key.
    /// </summary>
    private static readonly byte[] FullClientHello = ClientHelloWith(Concat(
        Hex("1A1A 0000"),                                               // GREASE extension, empty
        Hex("0000 0017 0015 00 0012", Convert.ToHexString("winrm.example.test"u8)),  // server_name
        Hex("000A 0008 0006 2A2A 001D 0017"),                           // supported_groups
        Hex("000B 0002 01 00"),                                         // ec_point_formats: uncompressed
        Hex("000D 0006 0004 0403 0804"),                                // signature_algorithms
        Hex("0010 000E 000C 02 6832 08 687474702F312E31"),              // ALPN: h2, http/1.1
        Hex("002B 0007 06 3A3A 0304 0303"),                             // supported_versions
        Hex("0023 0004 DEADBEEF"),                                      // session_ticket, 4 bytes
        Hex("0029 0004 00000000")));                                    // pre_shared_key (last)

    [Fact]
    public void ParseClientHello_AllExtensions_ReadsEach()
    {
        var hello = HelloParser.ParseClientHello(FullClientHello);

        Assert.NotNull(hello);
        Assert.Equal(TlsVersion.Tls12, hello.LegacyVersion);
        Assert.Equal(Hex(RandomHex), hello.Random);
        Assert.Equal(Hex(SessionIdHex), hello.SessionId);
        Assert.Equal([(ushort)0x0A0A, 0x1301, 0xC02B, 0xC02F], hello.CipherSuites);
        Assert.Equal([(ushort)0x1A1A, 0, 10, 11, 13, 16, 43, 35, 41], hello.ExtensionTypes);
        Assert.Equal("winrm.example.test", hello.ServerName);
        Assert.Equal([(ushort)0x2A2A, 0x001D, 0x0017], hello.SupportedGroups);
        Assert.Equal([(byte)0], hello.EcPointFormats);
        Assert.Equal([(ushort)0x0403, 0x0804], hello.SignatureAlgorithms);
        Assert.Equal(["h2", "http/1.1"], hello.Alpn);
        Assert.Equal([(ushort)0x3A3A, TlsVersion.Tls13, TlsVersion.Tls12], hello.SupportedVersions);
        Assert.Equal(TlsVersion.Tls13, hello.HighestVersion);
        Assert.Equal(4, hello.SessionTicketLength);
        Assert.True(hello.OffersPreSharedKey);
        Assert.False(hello.IsSslv2Format);
    }

    [Fact]
    public void ParseClientHello_NoExtensions_LegacyVersionIsHighest()
    {
        var body = FullClientHello[..ClientHelloExtensionsOffset];

        var hello = HelloParser.ParseClientHello(body);

        Assert.NotNull(hello);
        Assert.Empty(hello.ExtensionTypes);
        Assert.Null(hello.ServerName);
        Assert.Equal(TlsVersion.Tls12, hello.HighestVersion);
    }

    [Fact]
    public void ParseClientHello_EveryTruncatedPrefix_NullUnlessExtensionsEndExactly()
    {
        for (var length = 0; length < FullClientHello.Length; length++)
        {
            var hello = HelloParser.ParseClientHello(FullClientHello.AsSpan(0, length));

            Assert.True(hello is null == (length != ClientHelloExtensionsOffset), $"prefix {length}");
        }
    }

    [Fact]
    public void ParseClientHello_SessionIdLongerThan32_Null()
    {
        var body = Concat(Hex("0303", RandomHex, "21", SessionIdHex, "00"), Hex("0002 1301 01 00"));

        var hello = HelloParser.ParseClientHello(body);

        Assert.Null(hello);
    }

    [Fact]
    public void ParseClientHello_OddCipherSuitesLength_Null()
    {
        var body = Hex("0303", RandomHex, "00", "0003 130113", "01 00");

        var hello = HelloParser.ParseClientHello(body);

        Assert.Null(hello);
    }

    [Fact]
    public void ParseClientHello_ServerNameListWithoutHostName_NoServerName()
    {
        var body = ClientHelloWith(Hex("0000 0006 0004 01 0001 41"));   // name_type 1 (not host_name)

        var hello = HelloParser.ParseClientHello(body);

        Assert.NotNull(hello);
        Assert.Null(hello.ServerName);
        Assert.Equal([(ushort)0], hello.ExtensionTypes);
    }

    [Fact]
    public void ParseServerHello_Tls12_LegacyVersionNegotiated()
    {
        var hello = HelloParser.ParseServerHello(ServerHello12Body());

        Assert.NotNull(hello);
        Assert.Equal(TlsVersion.Tls12, hello.NegotiatedVersion);
        Assert.Null(hello.SelectedVersion);
        Assert.Equal(Hex(SessionIdHex), hello.SessionId);
        Assert.Equal(0xC02B, hello.CipherSuite);
        Assert.Equal([TlsExtensionType.RenegotiationInfo], hello.ExtensionTypes);
        Assert.False(hello.IsHelloRetryRequest);
    }

    [Fact]
    public void ParseServerHello_SupportedVersionsTls13_Tls13Negotiated()
    {
        var hello = HelloParser.ParseServerHello(ServerHello13Body());

        Assert.NotNull(hello);
        Assert.Equal(TlsVersion.Tls12, hello.LegacyVersion);
        Assert.Equal(TlsVersion.Tls13, hello.SelectedVersion);
        Assert.Equal(TlsVersion.Tls13, hello.NegotiatedVersion);
        Assert.Equal([TlsExtensionType.SupportedVersions, TlsExtensionType.KeyShare], hello.ExtensionTypes);
        Assert.False(hello.IsHelloRetryRequest);
    }

    [Fact]
    public void ParseServerHello_HelloRetryRequestRandom_MarkedRetry()
    {
        var hello = HelloParser.ParseServerHello(ServerHello13Body(HelloRetryRequestRandomHex));

        Assert.NotNull(hello);
        Assert.True(hello.IsHelloRetryRequest);
    }

    [Fact]
    public void ParseServerHello_Alpn_FirstProtocol()
    {
        var body = Hex("0303", RandomHex, "00", "C02F", "00",
            "000B",                                   // extensions length
            "0010 0007 0005 04 77736D61");            // ALPN: "wsma"

        var hello = HelloParser.ParseServerHello(body);

        Assert.NotNull(hello);
        Assert.Equal("wsma", hello.Alpn);
        Assert.Empty(hello.SessionId);
    }

    [Fact]
    public void ParseServerHello_EveryTruncatedPrefix_NullUnlessExtensionsEndExactly()
    {
        var body = ServerHello13Body();

        for (var length = 0; length < body.Length; length++)
        {
            var hello = HelloParser.ParseServerHello(body.AsSpan(0, length));

            Assert.True(hello is null == (length != ServerHelloExtensionsOffset), $"prefix {length}");
        }
    }

    [Fact]
    public void ParseServerHello_ExtensionLengthBeyondBlock_Null()
    {
        var body = Hex("0303", RandomHex, "00", "C02F", "00", "0006", "002B 0003 0304");

        var hello = HelloParser.ParseServerHello(body);

        Assert.Null(hello);
    }

    [Fact]
    public void ParseSslv2ClientHello_TlsCipherSpecs_KeptAndChallengeRightAligned()
    {
        var message = Hex(
            "01",                                     // msg_type CLIENT-HELLO
            "0301",                                   // version TLS 1.0
            "0009",                                   // cipher_spec_length (3 specs)
            "0000",                                   // session_id_length
            "0010",                                   // challenge_length 16
            "00002F 0700C0 000035",                   // specs; 0700C0 is SSL 2.0 only
            "00112233445566778899AABBCCDDEEFF");      // challenge

        var hello = HelloParser.ParseSslv2ClientHello(message);

        Assert.NotNull(hello);
        Assert.True(hello.IsSslv2Format);
        Assert.Equal(TlsVersion.Tls10, hello.LegacyVersion);
        Assert.Equal([(ushort)0x002F, 0x0035], hello.CipherSuites);
        Assert.Equal(Hex(new string('0', 32), "00112233445566778899AABBCCDDEEFF"), hello.Random);
        Assert.Empty(hello.SessionId);
    }

    [Fact]
    public void ParseSslv2ClientHello_EveryTruncatedPrefix_Null()
    {
        var message = Hex("01 0301 0003 0000 0010 00002F", "00112233445566778899AABBCCDDEEFF");

        for (var length = 0; length < message.Length; length++)
        {
            var hello = HelloParser.ParseSslv2ClientHello(message.AsSpan(0, length));

            Assert.Null(hello);
        }
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(5985);

        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])FullClientHello.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var thrown = Xunit.Record.Exception(() =>
            {
                HelloParser.ParseClientHello(bytes);
                HelloParser.ParseServerHello(bytes);
                HelloParser.ParseSslv2ClientHello(bytes);
            });

            Assert.Null(thrown);
        }
    }

    private static byte[] ClientHelloWith(byte[] extensions) => Concat(Hex(
        "0303",                                       // legacy_version
        RandomHex,                                    // random
        "20", SessionIdHex,                           // session_id
        "0008 0A0A 1301 C02B C02F",                   // cipher_suites, GREASE first
        "01 00",                                      // compression methods: null
        U16(extensions.Length)), extensions);
}
