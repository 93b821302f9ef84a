using System.Net;
using System.Text;
using WinRmExtcap.Dissection.Frames;
using WinRmExtcap.Dissection.Reporting;
using Xunit;

namespace WinRmExtcap.Dissection.Tests.ListenerConfiguration;

/// <summary>
/// Saved outputs of <c>winrm enumerate</c>, the WSMan: drive and <c>netsh http show sslcert</c>,
/// in the encodings and line endings Windows writes, yield the configured certificates.
/// </summary>
public sealed class ListenerConfigurationParserTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("winrm-listener-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_WinRmEnumerate_KeepsTheHttpsListenerOnly()
    {
        var configuration = ListenerConfigurationParser.Parse(SavedOutputs.WinRmEnumerate, "listeners.txt");

        var listener = Assert.Single(configuration.Certificates);
        Assert.Equal(ConfigurationSource.WinRmListener, listener.Source);
        Assert.Null(listener.Address);
        Assert.Equal(5986, listener.Port);
        Assert.Equal(SavedOutputs.ConfiguredThumbprint, listener.Thumbprint?.Hex);
        Assert.Equal("winrm01.contoso.test", listener.ListenerHostName);
        Assert.True(listener.Enabled);
        Assert.Equal("listeners.txt, entry at line 11", listener.Origin);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void ReadFile_WinRmEnumerateFromCmdRedirect_CrlfWithoutBom()
    {
        var path = Write("cmd.txt", Encoding.ASCII.GetBytes(Crlf(SavedOutputs.WinRmEnumerate)));

        var configuration = ListenerConfigurationParser.ReadFile(path);

        Assert.Equal(SavedOutputs.ConfiguredThumbprint, Assert.Single(configuration.Certificates).Thumbprint?.Hex);
    }

    [Fact]
    public void Parse_GpoListenerOnOneAddress_ReadsAddressPortAndSpacedLowerCaseThumbprint()
    {
        var configuration = ListenerConfigurationParser.Parse(SavedOutputs.WinRmEnumerateGpo, "gpo.txt");

        var listener = Assert.Single(configuration.Certificates);
        Assert.Equal(IpAddressValue.FromIPAddress(IPAddress.Parse("192.0.2.21")), listener.Address);
        Assert.Equal(443, listener.Port);
        Assert.Equal(SavedOutputs.ConfiguredThumbprint, listener.Thumbprint?.Hex);
        Assert.Equal("WinRM HTTPS listener 192.0.2.21:443", listener.Description);
    }

    [Fact]
    public void ReadFile_WsmanDriveFromPowerShellRedirect_Utf16LeWithBomAndCrlf()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Crlf(SavedOutputs.WsmanDrive)));
        var path = Write("wsman.txt", bytes.ToArray());

        var configuration = ListenerConfigurationParser.ReadFile(path);

        var listener = Assert.Single(configuration.Certificates);
        Assert.Equal(ConfigurationSource.WsmanDrive, listener.Source);
        Assert.Equal(5986, listener.Port);
        Assert.Null(listener.Address);
        Assert.Equal(SavedOutputs.ConfiguredThumbprint, listener.Thumbprint?.Hex);
        Assert.Equal("winrm01.contoso.test", listener.ListenerHostName);
        Assert.Contains("Listener_1305953032", listener.Origin, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_Utf16LeWithoutBom_IsRecognised()
    {
        var path = Write("nobom.txt", Encoding.Unicode.GetBytes(Crlf(SavedOutputs.WsmanDrive)));

        var configuration = ListenerConfigurationParser.ReadFile(path);

        Assert.Equal(SavedOutputs.ConfiguredThumbprint, Assert.Single(configuration.Certificates).Thumbprint?.Hex);
    }

    [Fact]
    public void ReadFile_Utf8WithBom_IsRecognised()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Crlf(SavedOutputs.Netsh2022)));
        var path = Write("utf8.txt", bytes.ToArray());

        var configuration = ListenerConfigurationParser.ReadFile(path);

        Assert.Equal(SavedOutputs.BindingThumbprint, Assert.Single(configuration.Certificates).Thumbprint?.Hex);
    }

    [Fact]
    public void Parse_Netsh2019_ReadsWinRmAndSniBindingsByFieldName()
    {
        var configuration = ListenerConfigurationParser.Parse(Crlf(SavedOutputs.Netsh2019), "netsh.txt");

        Assert.Equal(2, configuration.Certificates.Count);
        var winrm = configuration.Certificates[0];
        Assert.Equal(ConfigurationSource.NetshSslCert, winrm.Source);
        Assert.Null(winrm.Address);
        Assert.Equal(5986, winrm.Port);
        Assert.Equal(SavedOutputs.BindingThumbprint, winrm.Thumbprint?.Hex);
        Assert.Equal(ConfiguredCertificate.WinRmApplicationId, winrm.ApplicationId);
        Assert.Equal("HTTP.sys SSL binding *:5986 (WinRM)", winrm.Description);
        var web = configuration.Certificates[1];
        Assert.Equal("www.contoso.test", web.BindingHostName);
        Assert.Equal(443, web.Port);
        Assert.Equal(SavedOutputs.SniBindingThumbprint, web.Thumbprint?.Hex);
    }

    [Fact]
    public void Parse_Netsh2022WithBlankLinesInsideABinding_KeepsTheBindingWhole()
    {
        var configuration = ListenerConfigurationParser.Parse(Crlf(SavedOutputs.Netsh2022), "netsh.txt");

        var binding = Assert.Single(configuration.Certificates);
        Assert.Equal(5986, binding.Port);
        Assert.Null(binding.Address);
        Assert.Equal(SavedOutputs.BindingThumbprint, binding.Thumbprint?.Hex);
        Assert.Equal(ConfiguredCertificate.WinRmApplicationId, binding.ApplicationId);
    }

    [Fact]
    public void Parse_AllThreeInOneFile_FindsEach()
    {
        var text = SavedOutputs.WinRmEnumerate + SavedOutputs.WsmanDrive + SavedOutputs.Netsh2019;

        var configuration = ListenerConfigurationParser.Parse(text, "all.txt");

        Assert.Equal([ConfigurationSource.WinRmListener, ConfigurationSource.WsmanDrive,
            ConfigurationSource.NetshSslCert, ConfigurationSource.NetshSslCert],
            configuration.Certificates.Select(c => c.Source));
    }

    [Fact]
    public void Parse_HttpsListenerWithoutThumbprint_WarnsAndKeepsNoThumbprint()
    {
        var text = SavedOutputs.WinRmEnumerate.Replace(
            "CertificateThumbprint = " + SavedOutputs.ConfiguredThumbprint, "CertificateThumbprint",
            StringComparison.Ordinal);

        var configuration = ListenerConfigurationParser.Parse(text, "empty.txt");

        Assert.Null(Assert.Single(configuration.Certificates).Thumbprint);
        Assert.Equal(["empty.txt, entry at line 11: HTTPS listener names no certificate thumbprint"],
            configuration.Warnings);
    }

    [Fact]
    public void Parse_TextThatIsNoConfiguration_FindsNothing()
    {
        var configuration = ListenerConfigurationParser.Parse("Hello\r\nName : Value\r\n    a = b\r\n", "x.txt");

        Assert.Empty(configuration.Certificates);
        Assert.Empty(configuration.Warnings);
    }

    [Fact]
    public void Parse_EveryPrefixOfEverySample_NeverThrows()
    {
        string[] samples = [SavedOutputs.WinRmEnumerate, SavedOutputs.WinRmEnumerateGpo, SavedOutputs.WsmanDrive,
            SavedOutputs.Netsh2019, SavedOutputs.Netsh2022];

        var parsed = 0;
        foreach (var sample in samples)
        {
            for (var length = 0; length <= sample.Length; length += 7)
            {
                _ = ListenerConfigurationParser.Parse(sample[..length], "prefix.txt");
                parsed++;
            }
        }

        Assert.True(parsed > samples.Length);
    }

    [Fact]
    public void AppliesTo_WildcardListener_AnyAddressOnItsPortOnly()
    {
        var listener = ListenerConfigurationParser.Parse(SavedOutputs.WinRmEnumerate, "l.txt").Certificates[0];

        Assert.True(listener.AppliesTo(Server("198.51.100.7", 5986, null)));
        Assert.True(listener.AppliesTo(Server("::1", 5986, "winrm01.contoso.test")));
        Assert.False(listener.AppliesTo(Server("198.51.100.7", 443, null)));
    }

    [Fact]
    public void AppliesTo_OneAddressListener_ThatAddressOnly()
    {
        var listener = ListenerConfigurationParser.Parse(SavedOutputs.WinRmEnumerateGpo, "l.txt").Certificates[0];

        Assert.True(listener.AppliesTo(Server("192.0.2.21", 443, null)));
        Assert.False(listener.AppliesTo(Server("192.0.2.22", 443, null)));
    }

    [Fact]
    public void AppliesTo_SniBinding_OnlyClientsAskingForThatName()
    {
        var binding = ListenerConfigurationParser.Parse(SavedOutputs.Netsh2019, "n.txt").Certificates[1];

        Assert.True(binding.AppliesTo(Server("192.0.2.21", 443, "WWW.contoso.test")));
        Assert.False(binding.AppliesTo(Server("192.0.2.21", 443, null)));
        Assert.Equal(2, binding.Specificity);
    }

    private static ServerKey Server(string address, ushort port, string? name) =>
        new(new NetworkEndpoint(IpAddressValue.FromIPAddress(IPAddress.Parse(address)), port), name);

    private static string Crlf(string text) => text.ReplaceLineEndings("\r\n");

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
