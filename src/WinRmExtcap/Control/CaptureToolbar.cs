using System.Globalization;
using System.Text;
using WinRmExtcap.Certificates;
using WinRmExtcap.Dissection.Certificates;

namespace WinRmExtcap.Control;

/// <summary>
/// What the Wireshark GUI shows of a capture: a status-bar message and a log line per new
/// certificate, the count of certificates seen, and the save button. Without control pipes
/// (tshark) it does nothing.
/// </summary>
internal sealed class CaptureToolbar
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ControlChannel? _channel;
    private readonly CertificateFolder? _folder;

    public CaptureToolbar(ControlChannel? channel, CertificateFolder? folder)
    {
        _channel = channel;
        _folder = folder;
    }

    /// <summary>Shows a new certificate; <paramref name="count"/> is the number of distinct ones so far.</summary>
    public void ShowNewCertificate(string comment, int count)
    {
        if (_channel is null)
        {
            return;
        }
        _channel.Send(ToolbarControl.CertificateCount, ControlCommand.Set, Text(Count(count)));
        _channel.Send(ToolbarControl.CertificateLog, ControlCommand.Add, Text(comment + "\n"));
        _channel.Send(ToolbarControl.CertificateCount, ControlCommand.StatusbarMessage, Text(comment));
    }

    /// <summary>
    /// Handles what Wireshark sent since the last call: the initial values once Wireshark is
    /// ready, and presses of the save button. Call it from the capture thread.
    /// </summary>
    public void HandleReceived(IReadOnlyCollection<CertificateRecord> certificates)
    {
        if (_channel is null)
        {
            return;
        }

        while (_channel.TryReceive(out var message))
        {
            if (message.Command == ControlCommand.Initialized)
            {
                _channel.Send(ToolbarControl.CertificateCount, ControlCommand.Set, Text(Count(certificates.Count)));
                _channel.Send(ToolbarControl.CertificateCount, ControlCommand.Disable, []);
            }
            else if (message.Command == ControlCommand.Set
                && message.ControlNumber == (byte)ToolbarControl.SaveCertificates)
            {
                _channel.Send(ToolbarControl.CertificateCount, ControlCommand.StatusbarMessage,
                    Text(SaveAll(certificates)));
            }
        }
    }

    /// <summary>Saves every certificate and says in one status-bar line what happened.</summary>
    public string SaveAll(IReadOnlyCollection<CertificateRecord> certificates)
    {
        if (_folder is null)
        {
            return "No certificate folder: set \"Save certificates to folder\" in the interface options";
        }

        var saved = 0;
        string? lastError = null;
        foreach (var certificate in certificates)
        {
            if (_folder.TrySave(certificate, out var error))
            {
                saved++;
            }
            else
            {
                lastError = error;
            }
        }
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"Saved {saved} of {certificates.Count} certificates to {_folder.Path}");
        return lastError is null ? summary : $"{summary}; {lastError}";
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static byte[] Text(string text) => Utf8.GetBytes(text);
}
