namespace WinRmExtcap.Dissection.Sessions;

/// <summary>Which side of a TLS connection sent a Certificate message.</summary>
public enum CertificateRole : byte
{
    Server,
    Client,
}
