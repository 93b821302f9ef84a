namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>The public-key algorithm and size of a test certificate.</summary>
public enum CertificateKeyAlgorithm
{
    /// <summary>RSA with a 2048-bit modulus, what Windows issues for a WinRM listener by default.</summary>
    Rsa2048,

    /// <summary>RSA with a 1024-bit modulus, a weak key seen on old servers.</summary>
    Rsa1024,

    /// <summary>ECDSA on the NIST P-256 curve.</summary>
    EcdsaP256,
}
