using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Installation.Tests.Support;
using WinRmExtcap.TestSupport;
using WinRmExtcap.TestSupport.RealTraffic;
using Xunit;

namespace Installation.Tests;

/// <summary>
/// The hashing and date functions of plugins/winrm-cert.lua, run outside Wireshark under the real
/// Lua 5.2 (Wireshark 4.0 to 4.2) and Lua 5.4 (Wireshark 4.4 and newer) interpreters through
/// plugins/tests/core-check.lua.
/// </summary>
public sealed class WinRmCertLuaCoreTests : IDisposable
{
    private readonly TemporaryFolder folder = new("winrm-lua-core");

    public void Dispose() => folder.Dispose();

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2", "auto")]
    [InlineData("lua5.2", "arithmetic")]
    [InlineData("lua5.4", "auto")]
    [InlineData("lua5.4", "arithmetic")]
    public void Hash_Abc_MatchesFips180Digests(string interpreter, string wordOperations)
    {
        string input = WriteInput("abc.txt", "abc"u8.ToArray());

        string[] digests = RunCheck(interpreter, wordOperations, "hash", input).Split(' ');

        Assert.Equal("A9993E364706816ABA3E25717850C26C9CD0D89D", digests[0]);
        Assert.Equal("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", digests[1]);
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2", "auto")]
    [InlineData("lua5.2", "arithmetic")]
    [InlineData("lua5.4", "auto")]
    [InlineData("lua5.4", "arithmetic")]
    public void Hash_EmptyString_MatchesFips180Digests(string interpreter, string wordOperations)
    {
        string input = WriteInput("empty.txt", []);

        string[] digests = RunCheck(interpreter, wordOperations, "hash", input).Split(' ');

        Assert.Equal("DA39A3EE5E6B4B0D3255BFEF95601890AFD80709", digests[0]);
        Assert.Equal("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", digests[1]);
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2", "bit32")]
    [InlineData("lua5.4", "native")]
    public void Hash_OneMegabyte_MatchesSha1sumAndSha256sum(string interpreter, string wordOperations)
    {
        string input = WriteInput("megabyte.bin", RandomNumberGenerator.GetBytes(1024 * 1024));
        string expectedSha1 = DigestOf("sha1sum", input);
        string expectedSha256 = DigestOf("sha256sum", input);

        string[] digests = RunCheck(interpreter, wordOperations, "hash", input).Split(' ');

        Assert.Equal(expectedSha1, digests[0]);
        Assert.Equal(expectedSha256, digests[1]);
        Assert.Equal(wordOperations, digests[2]);
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2")]
    [InlineData("lua5.4")]
    public void Hash_EveryLengthAroundBlockBoundaries_MatchesDotNet(string interpreter)
    {
        // 55, 56 and 64 bytes are where the padding spills into a second block.
        foreach (int length in new[] { 1, 55, 56, 63, 64, 65, 119, 120, 128 })
        {
            byte[] bytes = RandomNumberGenerator.GetBytes(length);
            string input = WriteInput($"block-{length}.bin", bytes);

            string[] digests = RunCheck(interpreter, "auto", "hash", input).Split(' ');

            Assert.Equal(Convert.ToHexString(SHA1.HashData(bytes)), digests[0]);
            Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)), digests[1]);
        }
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2", "utc", "170113120000Z", "1484308800 2017-01-13T12:00:00Z")]
    [InlineData("lua5.4", "utc", "170113120000Z", "1484308800 2017-01-13T12:00:00Z")]
    [InlineData("lua5.2", "utc", "491231235959Z", "2524607999 2049-12-31T23:59:59Z")]
    [InlineData("lua5.4", "utc", "500101000000Z", "-631152000 1950-01-01T00:00:00Z")]
    [InlineData("lua5.2", "utc", "000229000000Z", "951782400 2000-02-29T00:00:00Z")]
    [InlineData("lua5.4", "generalized", "20500101000000Z", "2524608000 2050-01-01T00:00:00Z")]
    [InlineData("lua5.2", "generalized", "19691231235959Z", "-1 1969-12-31T23:59:59Z")]
    [InlineData("lua5.4", "generalized", "21000301000000.5Z", "4107542400 2100-03-01T00:00:00Z")]
    [InlineData("lua5.2", "utc", "1701131200Z", "1484308800 2017-01-13T12:00:00Z")]
    [InlineData("lua5.4", "utc", "170113120000+0100", "invalid")]
    [InlineData("lua5.2", "utc", "171313120000Z", "invalid")]
    [InlineData("lua5.4", "generalized", "2017", "invalid")]
    public void ParseTime_Rfc5280Times_GiveEpochSecondsAndIso8601(
        string interpreter, string kind, string text, string expected)
    {
        string actual = RunCheck(interpreter, "auto", "time", kind, text);

        Assert.Equal(expected, actual);
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2")]
    [InlineData("lua5.4")]
    public void ReadValidity_DotNetCertificates_MatchNotBeforeAndNotAfter(string interpreter)
    {
        // .NET writes UTCTime up to 2049 and GeneralizedTime from 2050 (RFC 5280 section 4.1.2.5).
        var cases = new[]
        {
            (new DateTimeOffset(2016, 1, 13, 12, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2017, 1, 13, 12, 0, 0, TimeSpan.Zero)),
            (new DateTimeOffset(2049, 6, 1, 8, 30, 15, TimeSpan.Zero),
                new DateTimeOffset(2051, 2, 28, 23, 59, 59, TimeSpan.Zero)),
        };
        foreach ((DateTimeOffset notBefore, DateTimeOffset notAfter) in cases)
        {
            string der = WriteCertificate(notBefore, notAfter);

            string actual = RunCheck(interpreter, "auto", "validity", der);

            Assert.Equal($"{notBefore:yyyy-MM-ddTHH:mm:ssZ} {notAfter:yyyy-MM-ddTHH:mm:ssZ}", actual);
        }
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2")]
    [InlineData("lua5.4")]
    public void StatusAt_MomentsAroundTheValidity_AreNotYetValidValidExpired(string interpreter)
    {
        var notBefore = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
        string der = WriteCertificate(notBefore, notAfter);

        string before = RunCheck(interpreter, "auto", "status", der, Epoch(notBefore.AddSeconds(-1)));
        string first = RunCheck(interpreter, "auto", "status", der, Epoch(notBefore));
        string last = RunCheck(interpreter, "auto", "status", der, Epoch(notAfter));
        string after = RunCheck(interpreter, "auto", "status", der, Epoch(notAfter.AddSeconds(1)));

        Assert.Equal("not yet valid", before);
        Assert.Equal("valid", first);
        Assert.Equal("valid", last);
        Assert.Equal("expired", after);
    }

    [RequiresTheory("lua5.2", "lua5.4")]
    [InlineData("lua5.2")]
    [InlineData("lua5.4")]
    public void ReadValidity_TruncatedCertificate_IsInvalidNotAnError(string interpreter)
    {
        string whole = WriteCertificate(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        byte[] der = File.ReadAllBytes(whole);
        string truncated = WriteInput("truncated.der", der[..40]);

        string actual = RunCheck(interpreter, "auto", "validity", truncated);

        Assert.StartsWith("invalid ", actual, StringComparison.Ordinal);
    }

    private static string Epoch(DateTimeOffset moment) =>
        moment.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string WriteInput(string name, byte[] bytes)
    {
        string path = folder.PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=winrm01.contoso.test", key, HashAlgorithmName.SHA256);
        using X509Certificate2 certificate = request.CreateSelfSigned(notBefore, notAfter);
        return WriteInput($"certificate-{notBefore.Ticks}-{notAfter.Ticks}.der", certificate.RawData);
    }

    private static string DigestOf(string program, string path) =>
        ProcessRunner.Run(program, [path]).StandardOutput.Split(' ')[0].ToUpperInvariant();

    private static string RunCheck(string interpreter, string wordOperations, params string[] arguments)
    {
        string script = Path.Combine(RepositoryPaths.Root, "plugins", "tests", "core-check.lua");
        ProcessRunner.Result result = ProcessRunner.Run(
            interpreter, [script, IsolatedTshark.PluginPath, wordOperations, .. arguments]);
        Assert.True(result.ExitCode == 0, $"{interpreter} failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
