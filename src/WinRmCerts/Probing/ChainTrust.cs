namespace WinRmCerts.Probing;

/// <summary>Whether the presented chain leads to a trusted root, judged by the platform's chain engine.</summary>
/// <param name="Trusted">True when the chain builds to a trust anchor with no error.</param>
/// <param name="Anchor"><c>system</c> for the system store, or the <c>--ca</c> file's path.</param>
/// <param name="Problems">The chain engine's complaints, for example <c>UntrustedRoot</c>; empty when trusted.</param>
public sealed record ChainTrust(bool Trusted, string Anchor, IReadOnlyList<string> Problems);
