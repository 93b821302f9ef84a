namespace WinRmExtcap.Dissection.Capture;

/// <summary>A pcapng Decryption Secrets Block: key material stored inside the capture.</summary>
/// <param name="SecretsType">
/// What <paramref name="Data"/> holds, for example <see cref="TlsKeyLog"/> (an NSS key log file).
/// </param>
/// <param name="Data">The secrets exactly as stored, without the block's padding.</param>
public sealed record DecryptionSecrets(uint SecretsType, byte[] Data)
{
    /// <summary>Secrets type of a TLS key log in NSS key log format ("TLSK").</summary>
    public const uint TlsKeyLog = 0x544C_534B;
}
