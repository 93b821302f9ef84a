namespace WinRmExtcap.Dissection.Capture;

/// <summary>
/// Thrown when opening an input that is not a capture file this project reads (the message names
/// the reason, for example "not a pcap or pcapng file (starts with 3C 68 74 6D)").
/// </summary>
public sealed class CaptureFormatException : Exception
{
    public CaptureFormatException(string message)
        : base(message)
    {
    }

    public CaptureFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
