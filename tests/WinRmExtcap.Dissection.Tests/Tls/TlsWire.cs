using WinRmExtcap.Dissection.Tls;

namespace WinRmExtcap.Dissection.Tests.Tls;

/// <summary>
/// Builds TLS wire bytes for tests: records, handshake messages and hello bodies, written as hex
/// per field so the structure stays readable.
/// </summary>
internal static class TlsWire
{
    /// <summary>32 bytes of a recognisable random.</summary>
    public const string RandomHex = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

    /// <summary>A 32-byte session id.</summary>
    public const string SessionIdHex = "5E5510A1D0000000000000000000000000000000000000000000000000000001";

    public static byte[] Hex(params string[] parts) =>
        Convert.FromHexString(string.Concat(parts).Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    public static string U8(int value) => value.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    public static string U16(int value) => value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);

    public static string U24(int value) => value.ToString("X6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>TLSPlaintext: type(1) legacy_record_version 0x0303 (2) length(2) fragment.</summary>
    public static byte[] Record(TlsContentType type, byte[] fragment) =>
        Concat(Hex(U8((byte)type), "0303", U16(fragment.Length)), fragment);

    /// <summary>Handshake: msg_type(1) length(3) body.</summary>
    public static byte[] Handshake(TlsHandshakeType type, byte[] body) =>
        Concat(Hex(U8((byte)type), U24(body.Length)), body);

    /// <summary>TLS 1.2 Certificate body: certificate_list&lt;0..2^24-1&gt; of ASN.1Cert&lt;1..2^24-1&gt;.</summary>
    public static byte[] CertificateBody(IEnumerable<byte[]> ders)
    {
        var list = Concat([.. ders.Select(d => Concat(Hex(U24(d.Length)), d))]);
        return Concat(Hex(U24(list.Length)), list);
    }

    /// <summary>A TLS 1.2 ServerHello body echoing <paramref name="sessionIdHex"/>.</summary>
    public static byte[] ServerHello12Body(string sessionIdHex = SessionIdHex) => Hex(
        "0303",                                           // legacy_version TLS 1.2
        RandomHex,                                        // random
        U8(sessionIdHex.Length / 2), sessionIdHex,        // session_id
        "C02B",                                           // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
        "00",                                             // compression null
        "0005", "FF01 0001 00");                          // extensions: renegotiation_info, empty

    /// <summary>A TLS 1.3 ServerHello body: supported_versions 0x0304 and an x25519 key share.</summary>
    public static byte[] ServerHello13Body(string randomHex = RandomHex) => Hex(
        "0303",                                           // legacy_version
        randomHex,                                        // random
        "20", SessionIdHex,                               // legacy_session_id_echo
        "1301",                                           // TLS_AES_128_GCM_SHA256
        "00",                                             // compression null
        "002E",                                           // extensions length 46
        "002B 0002 0304",                                 // supported_versions: TLS 1.3
        "0033 0024 001D 0020", new string('A', 64));      // key_share: x25519, 32-byte key

    /// <summary>A ClientHello body with SNI <c>winrm.example.test</c> and no other extension.</summary>
    public static byte[] ClientHelloBody(string sessionIdHex = SessionIdHex, bool offerTls13 = false)
    {
        var serverName = Hex("0015", "00", "0012", Convert.ToHexString("winrm.example.test"u8));
        var extensions = Concat(Hex("0000", U16(serverName.Length)), serverName);
        if (offerTls13)
        {
            extensions = Concat(extensions, Hex("002B 0003 02 0304"));
        }
        return Concat(Hex(
            "0303",                                       // legacy_version
            RandomHex,                                    // random
            U8(sessionIdHex.Length / 2), sessionIdHex,    // session_id
            "0004 C02B 1301",                             // cipher_suites
            "01 00",                                      // compression methods: null
            U16(extensions.Length)), extensions);
    }

    /// <summary>ServerHello + Certificate (3 certificates) + ServerHelloDone, one record each.</summary>
    public static byte[] ServerFlightSeparateRecords() => Concat(
        Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHello, ServerHello12Body())),
        Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.Certificate, CertificateBody(TestChain.Ders))),
        Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ServerHelloDone, [])));

    /// <summary>ServerHello + Certificate + ServerHelloDone in one record, as SChannel sends them.</summary>
    public static byte[] ServerFlightOneRecord() => Record(TlsContentType.Handshake, Concat(
        Handshake(TlsHandshakeType.ServerHello, ServerHello12Body()),
        Handshake(TlsHandshakeType.Certificate, CertificateBody(TestChain.Ders)),
        Handshake(TlsHandshakeType.ServerHelloDone, [])));

    public static byte[] ClientHelloRecord(string sessionIdHex = SessionIdHex, bool offerTls13 = false) =>
        Record(TlsContentType.Handshake, Handshake(TlsHandshakeType.ClientHello,
            ClientHelloBody(sessionIdHex, offerTls13)));

    public static byte[] ChangeCipherSpecRecord() => Record(TlsContentType.ChangeCipherSpec, Hex("01"));

    /// <summary>An encrypted Finished: a handshake record after ChangeCipherSpec, 40 opaque bytes.</summary>
    public static byte[] EncryptedHandshakeRecord() => Record(TlsContentType.Handshake, new byte[40]);

    public static byte[] ApplicationDataRecord(int length = 64) =>
        Record(TlsContentType.ApplicationData, Enumerable.Repeat((byte)0xE7, length).ToArray());

    /// <summary>Alert: level(1) description(1).</summary>
    public static byte[] AlertRecord(byte level, byte description) =>
        Record(TlsContentType.Alert, [level, description]);
}
