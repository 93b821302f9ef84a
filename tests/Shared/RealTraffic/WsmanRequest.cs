using System.Globalization;
using System.Text;

namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>
/// The first request a WinRM client sends: an HTTP <c>POST /wsman</c> carrying a WS-Management
/// Identify envelope, with the headers the Windows client uses.
/// </summary>
public static class WsmanRequest
{
    /// <summary>The WS-Management media type (DSP0293): SOAP 1.2 in UTF-8.</summary>
    public const string ContentType = "application/soap+xml;charset=UTF-8";

    /// <summary>The User-Agent header the Windows WinRM client sends.</summary>
    public const string UserAgent = "Microsoft WinRM Client";

    private const string IdentifyEnvelope =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
        + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
        + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    /// <summary>
    /// The whole request text for a server reached as <paramref name="host"/>:<paramref name="port"/>.
    /// </summary>
    public static string Build(string host, int port)
    {
        int contentLength = Encoding.UTF8.GetByteCount(IdentifyEnvelope);
        string portText = port.ToString(CultureInfo.InvariantCulture);
        string lengthText = contentLength.ToString(CultureInfo.InvariantCulture);
        return "POST /wsman HTTP/1.1\r\n"
            + "Host: " + host + ":" + portText + "\r\n"
            + "Connection: Keep-Alive\r\n"
            + "Content-Type: " + ContentType + "\r\n"
            + "User-Agent: " + UserAgent + "\r\n"
            + "Content-Length: " + lengthText + "\r\n"
            + "\r\n"
            + IdentifyEnvelope;
    }
}
