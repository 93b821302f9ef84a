using System.Security.Cryptography;
using WinRmExtcap.Dissection.Tls.Decryption;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.Tls.Decryption;

public sealed class Tls13KeyScheduleTests
{
    [Theory]
    [InlineData(Rfc8448Vectors.ServerHandshakeTrafficSecret, Rfc8448Vectors.ServerHandshakeKey,
        Rfc8448Vectors.ServerHandshakeIv)]
    [InlineData(Rfc8448Vectors.ClientHandshakeTrafficSecret, Rfc8448Vectors.ClientHandshakeKey,
        Rfc8448Vectors.ClientHandshakeIv)]
    [InlineData(Rfc8448Vectors.ServerApplicationTrafficSecret, Rfc8448Vectors.ServerApplicationKey,
        Rfc8448Vectors.ServerApplicationIv)]
    public void DeriveTrafficKeys_Rfc8448Secret_MatchesPublishedKeyAndIv(
        string trafficSecret,
        string expectedKey,
        string expectedIv)
    {
        var key = new byte[16];
        var iv = new byte[Tls13KeySchedule.IvLength];

        Tls13KeySchedule.DeriveTrafficKeys(HashAlgorithmName.SHA256, Rfc8448Vectors.Bytes(trafficSecret), key, iv);

        Assert.Equal(expectedKey, Convert.ToHexStringLower(key));
        Assert.Equal(expectedIv, Convert.ToHexStringLower(iv));
    }

    [Fact]
    public void ExpandLabel_LabelLongerThanHkdfLabelAllows_Throws()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);
        var label = new string('a', 250);
        var output = new byte[16];

        var thrown = Record.Exception(() =>
            Tls13KeySchedule.ExpandLabel(HashAlgorithmName.SHA256, secret, label, [], output));

        Assert.IsType<ArgumentException>(thrown);
    }

    [Fact]
    public void DeriveTrafficKeys_IvNotTwelveBytes_Throws()
    {
        var secret = Rfc8448Vectors.Bytes(Rfc8448Vectors.ServerHandshakeTrafficSecret);
        var key = new byte[16];
        var iv = new byte[8];

        var thrown = Record.Exception(() =>
            Tls13KeySchedule.DeriveTrafficKeys(HashAlgorithmName.SHA256, secret, key, iv));

        Assert.IsType<ArgumentException>(thrown);
    }
}
