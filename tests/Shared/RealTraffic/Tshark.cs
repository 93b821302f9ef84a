namespace WinRmExtcap.TestSupport.RealTraffic;

/// <summary>Asks the real tshark about a capture; the oracle the real-traffic tests compare against.</summary>
public static class Tshark
{
    /// <summary>Preferences that make tshark read WinRM over HTTPS as TLS, with out-of-order reassembly.</summary>
    public static IReadOnlyList<string> WinRmPreferences { get; } =
    [
        "-o", "tcp.reassemble_out_of_order:TRUE",
        "-d", "tcp.port==" + CaptureScenarios.WinRmHttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + ",tls",
    ];

    private const int TsharkTimeoutMs = 60_000;

    /// <summary>
    /// One line per packet matching <paramref name="displayFilter"/>, holding the requested fields
    /// separated by tabs (several values of one field separated by commas).
    /// </summary>
    /// <exception cref="InvalidOperationException">tshark could not read the file at all.</exception>
    public static IReadOnlyList<string> Fields(
        string capturePath,
        string displayFilter,
        IEnumerable<string> fields,
        IEnumerable<string>? extraArguments = null)
    {
        ProcessRunner.Result result = Run(capturePath, displayFilter, fields, extraArguments);
        if (result.ExitCode != 0 && result.StandardOutput.Length == 0)
        {
            throw new InvalidOperationException($"tshark could not read {capturePath}: {result.StandardError.Trim()}");
        }
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs tshark with the WinRM preferences and returns its exit code and output as they are.</summary>
    public static ProcessRunner.Result Run(
        string capturePath,
        string displayFilter,
        IEnumerable<string> fields,
        IEnumerable<string>? extraArguments = null)
    {
        var arguments = new List<string> { "-r", capturePath, "-n" };
        arguments.AddRange(WinRmPreferences);
        arguments.AddRange(extraArguments ?? []);
        arguments.AddRange(["-Y", displayFilter, "-T", "fields"]);
        foreach (string field in fields)
        {
            arguments.AddRange(["-e", field]);
        }
        return ProcessRunner.Run("tshark", arguments, timeoutMs: TsharkTimeoutMs);
    }

    /// <summary>The 1-based frame numbers of the packets matching <paramref name="displayFilter"/>.</summary>
    public static IReadOnlyList<int> FrameNumbers(string capturePath, string displayFilter) =>
        Fields(capturePath, displayFilter, ["frame.number"])
            .Select(line => int.Parse(line, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    /// <summary>
    /// The certificates of every TLS Certificate message tshark reassembles, one list of lower-case
    /// DER hex strings per packet that completes a message.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> CertificateMessages(
        string capturePath,
        IEnumerable<string>? extraArguments = null) =>
        Fields(capturePath, "tls.handshake.certificate", ["tls.handshake.certificate"], extraArguments)
            .Select(line => (IReadOnlyList<string>)line.Trim().Split(','))
            .ToList();
}
