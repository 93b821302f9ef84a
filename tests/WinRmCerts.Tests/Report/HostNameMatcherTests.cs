using WinRmExtcap.Dissection.Certificates;

namespace WinRmCerts.Tests.Report;

/// <summary>Names matched against a certificate as TLS clients (and the Windows WinRM client) match them.</summary>
public sealed class HostNameMatcherTests
{
    [Theory]
    [InlineData("winrm01.contoso.test", true)]
    [InlineData("WINRM01.Contoso.Test", true)]
    [InlineData("winrm01.contoso.test.", true)]
    [InlineData("winrm02.contoso.test", false)]
    [InlineData("a.winrm01.contoso.test", false)]
    public void Matches_ExactDnsName_CaseInsensitive(string name, bool expected)
    {
        var details = Details(dnsNames: ["winrm01.contoso.test"]);

        Assert.Equal(expected, HostNameMatcher.Matches(details, name));
    }

    [Theory]
    [InlineData("winrm01.contoso.test", true)]
    [InlineData("contoso.test", false)]
    [InlineData("a.b.contoso.test", false)]
    public void Matches_Wildcard_StandsForExactlyOneLeftMostLabel(string name, bool expected)
    {
        var details = Details(dnsNames: ["*.contoso.test"]);

        Assert.Equal(expected, HostNameMatcher.Matches(details, name));
    }

    [Fact]
    public void Matches_WildcardUnderTopLevelDomain_IsRefused()
    {
        var details = Details(dnsNames: ["*.test"]);

        Assert.False(HostNameMatcher.Matches(details, "contoso.test"));
    }

    [Fact]
    public void Matches_PartialLabelWildcard_IsRefused()
    {
        var details = Details(dnsNames: ["winrm*.contoso.test"]);

        Assert.False(HostNameMatcher.Matches(details, "winrm01.contoso.test"));
    }

    [Fact]
    public void Matches_CommonNameIgnoredWhenDnsNamesExist()
    {
        var details = Details(dnsNames: ["other.contoso.test"], commonName: "winrm01.contoso.test");

        Assert.False(HostNameMatcher.Matches(details, "winrm01.contoso.test"));
    }

    [Fact]
    public void Matches_NoDnsNames_FallsBackToCommonNameAsWindowsDoes()
    {
        var details = Details(commonName: "winrm01.contoso.test");

        Assert.True(HostNameMatcher.Matches(details, "winrm01.contoso.test"));
    }

    [Theory]
    [InlineData("192.0.2.21", true)]
    [InlineData("192.0.2.22", false)]
    [InlineData("[2001:db8::1]", true)]
    public void Matches_IpAddress_AgainstIpAlternativeNamesOnly(string name, bool expected)
    {
        var details = Details(dnsNames: ["192.0.2.22"], ipAddresses: ["192.0.2.21", "2001:db8::1"],
            commonName: "192.0.2.22");

        Assert.Equal(expected, HostNameMatcher.Matches(details, name));
    }

    private static CertificateDetails Details(IReadOnlyList<string>? dnsNames = null,
        IReadOnlyList<string>? ipAddresses = null, string? commonName = null) => new()
    {
        KeyAlgorithm = "RSA",
        SignatureAlgorithm = "sha256RSA",
        DnsNames = dnsNames ?? [],
        IpAddresses = ipAddresses ?? [],
        CommonName = commonName,
    };
}
