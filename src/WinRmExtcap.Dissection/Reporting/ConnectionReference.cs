namespace WinRmExtcap.Dissection.Reporting;

/// <summary>Points at a connection of a report: its capture and its number within it.</summary>
/// <param name="Capture">The capture's display name.</param>
/// <param name="Id">The connection's number within the capture.</param>
/// <param name="Frame">The frame of its ServerHello.</param>
public sealed record ConnectionReference(string Capture, long Id, long Frame);
