namespace WinRmExtcap.Capture;

/// <summary>A libpcap device as the options dialog offers it.</summary>
/// <param name="Name">The name libpcap opens (on Windows <c>\Device\NPF_{GUID}</c>).</param>
/// <param name="Description">The human description, or the name when libpcap gives none.</param>
/// <param name="IsDefault">True for the device the dialog preselects.</param>
internal readonly record struct CaptureDeviceChoice(string Name, string Description, bool IsDefault);
