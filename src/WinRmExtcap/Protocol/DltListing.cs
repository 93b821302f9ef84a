using WinRmExtcap.Dissection.Capture;

namespace WinRmExtcap.Protocol;

/// <summary>
/// Answers <c>--extcap-dlts</c>. The link type is advisory: the capture's real link type is the
/// chosen device's, written in the pcapng interface block.
/// </summary>
internal static class DltListing
{
    public static void Write(TextWriter output)
    {
        output.WriteLine(Sentence.Dlt()
            .With("number", (long)LinkType.Ethernet)
            .With("name", "EN10MB")
            .With("display", "Link type of the chosen capture device"));
    }
}
