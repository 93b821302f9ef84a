namespace WinRmCerts.Probing;

/// <summary>Why a probe failed, as one line naming the reason.</summary>
/// <param name="Kind">The class of failure, which decides the monitoring state.</param>
/// <param name="Reason">A short human-readable reason, for example <c>connection refused</c>.</param>
public sealed record ProbeFailure(ProbeFailureKind Kind, string Reason);
