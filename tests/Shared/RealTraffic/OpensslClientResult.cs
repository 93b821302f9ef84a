namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>What one <c>openssl s_client</c> connection printed and how it ended.</summary>
/// <param name="ExitCode">s_client's exit code; 0 after a clean close, 1 after a failed handshake.</param>
/// <param name="StandardOutput">The session summary s_client printed.</param>
/// <param name="StandardError">Verification messages and errors.</param>
public sealed record OpensslClientResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True when the handshake finished with a cipher agreed.</summary>
    public bool HandshakeCompleted =>
        StandardOutput.Contains(", Cipher is ", StringComparison.Ordinal)
        && !StandardOutput.Contains("Cipher is (NONE)", StringComparison.Ordinal);

    /// <summary>True when the server resumed the saved session instead of a full handshake.</summary>
    public bool SessionReused => StandardOutput.Contains("Reused, ", StringComparison.Ordinal);
}
