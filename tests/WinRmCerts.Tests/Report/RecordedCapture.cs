namespace WinRmCerts.Tests.Report;

/// <summary>A capture a report test reads, with the thumbprints of what the peers presented.</summary>
/// <param name="Path">The capture file.</param>
/// <param name="ServerThumbprints">Distinct server leaf thumbprints in the order first presented.</param>
/// <param name="ClientThumbprint">The client certificate's thumbprint, or null.</param>
public sealed record RecordedCapture(string Path, IReadOnlyList<string> ServerThumbprints, string? ClientThumbprint);
