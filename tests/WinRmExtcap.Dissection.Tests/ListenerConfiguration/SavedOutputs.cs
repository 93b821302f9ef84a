namespace WinRmExtcap.Dissection.Tests.ListenerConfiguration;

/// <summary>
/// Saved outputs of the three Windows commands as an administrator would capture them, written
/// after the published examples (the knife-windows listener listing, PowerShell 5.1 Format-List
/// of the WSMan: drive, netsh on Server 2019 and on Server 2022 with its extra blank lines). The
/// text here uses LF; tests turn it into CRLF and UTF-16 as Windows writes it.
/// </summary>
internal static class SavedOutputs
{
    public const string ConfiguredThumbprint = "758C4D9AC3E77F518529443D659E1260F5720400";
    public const string BindingThumbprint = "9D93D9B3D6E2F0C0C0B31D6E2AB1E4D51E0E6A52";
    public const string SniBindingThumbprint = "0F4E083D04151FFED1D08648755529EEFBBB1D9D";

    /// <summary><c>winrm enumerate winrm/config/listener</c> with an HTTP and an HTTPS listener.</summary>
    public const string WinRmEnumerate = """
        Listener
            Address = *
            Transport = HTTP
            Port = 5985
            Hostname
            Enabled = true
            URLPrefix = wsman
            CertificateThumbprint
            ListeningOn = 10.113.70.228, 127.0.0.1, ::1, fe80::5efe:10.113.70.228%13

        Listener
            Address = *
            Transport = HTTPS
            Port = 5986
            Hostname = winrm01.contoso.test
            Enabled = true
            URLPrefix = wsman
            CertificateThumbprint = 758C4D9AC3E77F518529443D659E1260F5720400
            ListeningOn = 10.113.70.228, 127.0.0.1, ::1, fe80::5efe:10.113.70.228%13

        """;

    /// <summary>
    /// A listener made by Group Policy on one address and a non-default port, thumbprint with spaces.
    /// </summary>
    public const string WinRmEnumerateGpo = """
        Listener [Source="GPO"]
            Address = IP:192.0.2.21
            Transport = HTTPS
            Port = 443
            Hostname = winrm01.contoso.test
            Enabled = true
            URLPrefix = wsman
            CertificateThumbprint = 75 8c 4d 9a c3 e7 7f 51 85 29 44 3d 65 9e 12 60 f5 72 04 00
            ListeningOn = 192.0.2.21

        """;

    /// <summary>
    /// <c>Get-ChildItem WSMan:\localhost\Listener -Recurse | Format-List</c> in a 120-column
    /// console: containers with their keys, then the leaves of each listener; long paths wrap.
    /// </summary>
    public const string WsmanDrive = """


           WSManConfig: Microsoft.WSMan.Management\WSMan::localhost\Listener

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1084132640
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener
        PSChildName       : Listener_1084132640
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : True
        Keys              : {Transport=HTTP, Address=*}
        Name              : Listener_1084132640
        TypeNameOfElement : Container

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener
        PSChildName       : Listener_1305953032
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : True
        Keys              : {Transport=HTTPS, Address=*}
        Name              : Listener_1305953032
        TypeNameOfElement : Container



           WSManConfig: Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1084132640

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1084132640\Port
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1084132640
        PSChildName       : Port
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : 5985
        Name              : Port
        TypeNameOfElement : System.String



           WSManConfig: Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\Address
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : Address
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : *
        Name              : Address
        TypeNameOfElement : System.String

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\Transport
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : Transport
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : HTTPS
        Name              : Transport
        TypeNameOfElement : System.String

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\Port
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : Port
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : 5986
        Name              : Port
        TypeNameOfElement : System.String

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\Hostname
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : Hostname
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : winrm01.contoso.test
        Name              : Hostname
        TypeNameOfElement : System.String

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\CertificateThumbpri
                            nt
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : CertificateThumbprint
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : 758C4D9AC3E77F518529443D659E1260F5720400
        Name              : CertificateThumbprint
        TypeNameOfElement : System.String

        PSPath            : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032\ListeningOn_16783
                            48839
        PSParentPath      : Microsoft.WSMan.Management\WSMan::localhost\Listener\Listener_1305953032
        PSChildName       : ListeningOn_1678348839
        PSDrive           : WSMan
        PSProvider        : Microsoft.WSMan.Management\WSMan
        PSIsContainer     : False
        WSManConfigType   : System.String
        SourceOfValue     :
        Value             : 127.0.0.1
        Name              : ListeningOn_1678348839
        TypeNameOfElement : System.String



        """;

    /// <summary><c>netsh http show sslcert</c> on Server 2019: the WinRM binding and an IIS SNI binding.</summary>
    public const string Netsh2019 = """

        SSL Certificate bindings:
        -------------------------

            IP:port                      : 0.0.0.0:5986
            Certificate Hash             : 9d93d9b3d6e2f0c0c0b31d6e2ab1e4d51e0e6a52
            Application ID               : {afebb9ad-9b97-4a91-9ab5-daf4d59122f6}
            Certificate Store Name       : MY
            Verify Client Certificate Revocation : Enabled
            Verify Revocation Using Cached Client Certificate Only : Disabled
            Usage Check                  : Enabled
            Revocation Freshness Time    : 0
            URL Retrieval Timeout        : 0
            Ctl Identifier               : (null)
            Ctl Store Name               : (null)
            DS Mapper Usage              : Disabled
            Negotiate Client Certificate : Disabled
            Reject Connections           : Disabled
            Disable HTTP2                : Not Set
            Disable QUIC                 : Not Set
            Disable TLS1.2               : Not Set
            Disable TLS1.3               : Not Set
            Disable OCSP Stapling        : Not Set
            Enable Token Binding         : Not Set
            Log Extended Events          : Not Set
            Disable Legacy TLS Versions  : Not Set
            Enable Session Ticket        : Not Set

            Hostname:port                : www.contoso.test:443
            Certificate Hash             : 0f4e083d04151ffed1d08648755529eefbbb1d9d
            Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}
            Certificate Store Name       : WebHosting
            Verify Client Certificate Revocation : Enabled
            Verify Revocation Using Cached Client Certificate Only : Disabled
            Usage Check                  : Enabled
            Revocation Freshness Time    : 0
            URL Retrieval Timeout        : 0
            Ctl Identifier               : (null)
            Ctl Store Name               : (null)
            DS Mapper Usage              : Disabled
            Negotiate Client Certificate : Disabled
            Reject Connections           : Disabled


        """;

    /// <summary>
    /// <c>netsh http show sslcert ipport=[::]:5986</c> on Server 2022: a blank line inside the
    /// binding, which broke parsers that counted lines.
    /// </summary>
    public const string Netsh2022 = """

        SSL Certificate bindings:
        -------------------------

            IP:port                      : [::]:5986

            Certificate Hash             : 9d93d9b3d6e2f0c0c0b31d6e2ab1e4d51e0e6a52
            Application ID               : {afebb9ad-9b97-4a91-9ab5-daf4d59122f6}
            Certificate Store Name       : MY

            Verify Client Certificate Revocation : Enabled
            Verify Revocation Using Cached Client Certificate Only : Disabled
            Usage Check                  : Enabled
            Revocation Freshness Time    : 0
            URL Retrieval Timeout        : 0
            Ctl Identifier               : (null)
            Ctl Store Name               : (null)
            DS Mapper Usage              : Disabled
            Negotiate Client Certificate : Disabled
            Reject Connections           : Disabled
            Disable HTTP2                : Not Set
            Disable QUIC                 : Not Set
            Disable TLS1.2               : Not Set
            Disable TLS1.3               : Not Set
            Disable OCSP Stapling        : Not Set
            Enable Token Binding         : Not Set
            Log Extended Events          : Not Set
            Disable Legacy TLS Versions  : Not Set
            Enable Session Ticket        : Not Set
            Enable Client Certificate Negotiation : Not Set


        """;
}
