namespace WinRmExtcap.Dissection.Sessions;

/// <summary>
/// A sink of what the connection tracker finds. Data flows one way: observers never call back
/// into the tracker. Every method has an empty default so a sink implements only what it uses.
/// </summary>
public interface IDissectionObserver
{
    /// <summary>A Certificate message completed in the current frame.</summary>
    void OnCertificateChain(CertificateChainSeen chain)
    {
    }

    /// <summary>A ServerHello completed in the current frame.</summary>
    void OnServerHello(TlsConnection connection, long frameNumber)
    {
    }

    /// <summary>The server went encrypted without sending a certificate: an abbreviated handshake.</summary>
    void OnResumption(TlsConnection connection, long frameNumber)
    {
    }

    /// <summary>
    /// TLS 1.3 handshake decryption failed in the current frame (see
    /// <see cref="TlsConnection.DecryptionProblem"/>): the key log's secrets do not fit.
    /// </summary>
    void OnDecryptionFailed(TlsConnection connection, long frameNumber)
    {
    }

    /// <summary>A connection that carried TLS ended, was evicted at a cap, or the capture ended.</summary>
    void OnConnectionFinished(TlsConnection connection)
    {
    }
}
