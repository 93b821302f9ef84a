namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

/// <summary>
/// Published values from RFC 8448 section 3, "Simple 1-RTT Handshake" (TLS_AES_128_GCM_SHA256),
/// transcribed as hex. The record's AEAD tag checks the transcription of the record, the key and
/// the IV at once: one wrong digit and it does not authenticate.
/// </summary>
internal static class Rfc8448Vectors
{
    /// <summary>{server} derive secret "tls13 s hs traffic".</summary>
    public const string ServerHandshakeTrafficSecret =
        "b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38";

    /// <summary>{server} derive write traffic keys for handshake data: key.</summary>
    public const string ServerHandshakeKey = "3fce516009c21727d0f2e4e86ee403bc";

    /// <summary>{server} derive write traffic keys for handshake data: iv.</summary>
    public const string ServerHandshakeIv = "5d313eb2671276ee13000b30";

    /// <summary>{client} derive secret "tls13 c hs traffic".</summary>
    public const string ClientHandshakeTrafficSecret =
        "b3eddb126e067f35a780b3abf45e2d8f3b1a950738f52e9600746a0e27a55a21";

    /// <summary>{client} derive write traffic keys for handshake data: key.</summary>
    public const string ClientHandshakeKey = "dbfaa693d1762c5b666af5d950258d01";

    /// <summary>{client} derive write traffic keys for handshake data: iv.</summary>
    public const string ClientHandshakeIv = "5bd3c71b836e0b76bb73265f";

    /// <summary>{server} derive secret "tls13 s ap traffic".</summary>
    public const string ServerApplicationTrafficSecret =
        "a11af9f05531f856ad47116b45a950328204b4f44bfb6b3a4b4f1f3fcb631643";

    /// <summary>{server} derive write traffic keys for application data: key.</summary>
    public const string ServerApplicationKey = "9f02283b6c9c07efc26bb9f2ac92e356";

    /// <summary>{server} derive write traffic keys for application data: iv.</summary>
    public const string ServerApplicationIv = "cf782b88dd83549aadf1e984";

    /// <summary>The 5-byte header of the server's protected flight: application_data, 0x0303, 674.</summary>
    public const string ServerHandshakeRecordHeader = "17" + "0303" + "02a2";

    /// <summary>
    /// {server} send handshake record, complete record (679 octets): the header above, then
    /// EncryptedExtensions, Certificate, CertificateVerify and Finished under the server handshake
    /// key, sequence number 0, with the 16-byte GCM tag last.
    /// </summary>
    public const string ServerHandshakeRecord =
        ServerHandshakeRecordHeader
        + "d1ff334a56f5bff6594a07cc87b580233f500f45e489e7f33af35edf7869fcf4"
        + "0aa40aa2b8ea73f848a7ca07612ef9f945cb960b4068905123ea78b111b429ba"
        + "9191cd05d2a389280f526134aadc7fc78c4b729df828b5ecf7b13bd9aefb0e57"
        + "f271585b8ea9bb355c7c79020716cfb9b1183ef3ab20e37d57a6b9d7477609ae"
        + "e6e122a4cf51427325250c7d0e509289444c9b3a648f1d71035d2ed65b0e3cdd"
        + "0cbae8bf2d0b227812cbb360987255cc744110c453baa4fcd610928d809810e4"
        + "b7ed1a8fd991f06aa6248204797e36a6a73b70a2559c09ead686945ba246ab66"
        + "e5edd8044b4c6de3fcf2a89441ac66272fd8fb330ef8190579b3684596c960bd"
        + "596eea520a56a8d650f563aad27409960dca63d3e688611ea5e22f4415cf9538"
        + "d51a200c27034272968a264ed6540c84838d89f72c24461aad6d26f59ecaba9a"
        + "cbbb317b66d902f4f292a36ac1b639c637ce343117b659622245317b49eeda0c"
        + "6258f100d7d961ffb138647e92ea330faeea6dfa31c7a84dc3bd7e1b7a6c7178"
        + "af36879018e3f252107f243d243dc7339d5684c8b0378bf30244da8c87c843f5"
        + "e56eb4c5e8280a2b48052cf93b16499a66db7cca71e4599426f7d461e66f9988"
        + "2bd89fc50800becca62d6c74116dbd2972fda1fa80f85df881edbe5a37668936"
        + "b335583b599186dc5c6918a396fa48a181d6b6fa4f9d62d513afbb992f2b992f"
        + "67f8afe67f76913fa388cb5630c8ca01e0c65d11c66a1e2ac4c85977b7c7a699"
        + "9bbf10dc35ae69f5515614636c0b9b68c19ed2e31c0b3b66763038ebba42f3b3"
        + "8edc0399f3a9f23faa63978c317fc9fa66a73f60f0504de93b5b845e275592c1"
        + "2335ee340bbc4fddd502784016e4b3be7ef04dda49f4b440a30cb5d2af939828"
        + "fd4ae3794e44f94df5a631ede42c1719bfdabf0253fe5175be898e750edc5337"
        + "0d2b";

    /// <summary>Content length of that record once decrypted: 657 octets of handshake messages.</summary>
    public const int ServerHandshakePlaintextLength = 657;

    /// <summary>
    /// {server} construct an EncryptedExtensions handshake message (40 octets): type 08, length
    /// 0x24, extensions: supported_groups (x25519, secp256r1, secp384r1, secp521r1, ffdhe2048-8192),
    /// record_size_limit 0x4001, server_name (empty).
    /// </summary>
    public const string EncryptedExtensions =
        "08" + "000024" + "0022"
        + "000a" + "0014" + "0012" + "001d001700180019" + "0100010101020103" + "0104"
        + "001c" + "0002" + "4001"
        + "0000" + "0000";

    /// <summary>
    /// The start of {server} construct a Certificate handshake message: type 0b, length 0x1b9,
    /// empty request context, certificate_list length 0x1b5, cert_data length 0x1b0, then the DER
    /// SEQUENCE of the RSA certificate.
    /// </summary>
    public const string CertificateStart = "0b" + "0001b9" + "00" + "0001b5" + "0001b0" + "308201ac";

    /// <summary>{server} construct a Finished handshake message: type 14, length 32, verify_data.</summary>
    public const string ServerFinished =
        "14" + "000020" + "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
