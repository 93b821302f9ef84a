namespace WinRmExtcap.Dissection.Reporting;

/// <summary>Which saved Windows command output a configured certificate came from.</summary>
public enum ConfigurationSource : byte
{
    /// <summary><c>winrm enumerate winrm/config/listener</c>.</summary>
    WinRmListener,

    /// <summary><c>Get-ChildItem WSMan:\localhost\Listener -Recurse | Format-List</c>.</summary>
    WsmanDrive,

    /// <summary><c>netsh http show sslcert</c>: the HTTP.sys binding that really serves TLS.</summary>
    NetshSslCert,
}
