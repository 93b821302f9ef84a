using Microsoft.Extensions.Logging;

namespace WinRmCerts.Probing;

/// <summary>Log messages of <c>winrm-certs probe</c>; event ids 2200-2299.</summary>
internal static partial class ProbeLog
{
    public const int ConnectingId = 2200;
    public const int HandshakeCompletedId = 2201;
    public const int ProbeFailedId = 2202;
    public const int WatchRoundId = 2203;

    [LoggerMessage(ConnectingId, LogLevel.Debug, "Probe {Target}: connecting to {Address}")]
    public static partial void Connecting(ILogger logger, string target, string address);

    [LoggerMessage(HandshakeCompletedId, LogLevel.Debug,
        "Probe {Target}: {Protocol} {CipherSuite}, {ChainLength} certificates, policy errors {PolicyErrors}, "
        + "{ElapsedMs} ms")]
    public static partial void HandshakeCompleted(ILogger logger, string target, string protocol, string cipherSuite,
        int chainLength, string policyErrors, long elapsedMs);

    [LoggerMessage(ProbeFailedId, LogLevel.Information, "Probe {Target} failed ({Kind}): {Reason}")]
    public static partial void ProbeFailed(ILogger logger, string target, ProbeFailureKind kind, string reason);

    [LoggerMessage(WatchRoundId, LogLevel.Debug, "Watch round {Round} of {Targets} targets done")]
    public static partial void WatchRound(ILogger logger, int round, int targets);
}
