using System.Globalization;
using Microsoft.Extensions.Logging;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Protocol;

namespace WinRmExtcap.Options;

/// <summary>The options dialog's values for one capture, checked.</summary>
internal sealed record CaptureSettings
{
    /// <summary>The WinRM HTTPS listener port.</summary>
    public const string DefaultPorts = "5986";

    private const int MinPort = 1;

    public required string Fifo { get; init; }

    /// <summary>The libpcap device; null to use the one the options dialog would preselect.</summary>
    public string? Device { get; init; }

    public required IReadOnlyList<ushort> Ports { get; init; }

    public string? ServerHost { get; init; }

    /// <summary>Wireshark's own capture filter, combined with the port and host filter.</summary>
    public string? CaptureFilter { get; init; }

    public bool Annotate { get; init; } = true;

    public string? CertificateFolder { get; init; }

    public Thumbprint? ExpectedThumbprint { get; init; }

    /// <summary>An NSS key log whose TLS 1.3 secrets reveal encrypted certificates; null for none.</summary>
    public string? KeyLogFile { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public string? LogFile { get; init; }

    public string? ControlIn { get; init; }

    public string? ControlOut { get; init; }

    /// <summary>Reads and checks the capture call's options.</summary>
    /// <exception cref="ExtcapUsageException">An option is missing or malformed.</exception>
    public static CaptureSettings From(ExtcapArguments arguments)
    {
        var fifo = arguments.Fifo
            ?? throw new ExtcapUsageException($"{ExtcapArgumentNames.Fifo} is missing: nowhere to write packets");

        return new CaptureSettings
        {
            Fifo = fifo,
            Device = arguments.ValueOf(OptionNames.Device),
            Ports = ParsePorts(arguments.ValueOf(OptionNames.Ports) ?? DefaultPorts),
            ServerHost = ParseHost(arguments.ValueOf(OptionNames.ServerHost)),
            CaptureFilter = arguments.CaptureFilter,
            Annotate = ParseBoolean(arguments.ValueOf(OptionNames.Annotate), defaultValue: true),
            CertificateFolder = arguments.ValueOf(OptionNames.CertificateFolder),
            ExpectedThumbprint = ParseThumbprint(arguments.ValueOf(OptionNames.ExpectedThumbprint)),
            KeyLogFile = NullIfEmpty(arguments.ValueOf(OptionNames.KeyLogFile)),
            LogLevel = ParseLogLevel(arguments.ValueOf(OptionNames.LogLevel)),
            LogFile = arguments.ValueOf(OptionNames.LogFile),
            ControlIn = arguments.ControlIn,
            ControlOut = arguments.ControlOut,
        };
    }

    /// <exception cref="ExtcapUsageException">The list holds something other than ports.</exception>
    public static IReadOnlyList<ushort> ParsePorts(string text)
    {
        var ports = new List<ushort>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!ushort.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                || port < MinPort)
            {
                throw new ExtcapUsageException(
                    $"{OptionNames.Ports}: \"{part}\" is not a TCP port (1 to {ushort.MaxValue})");
            }
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }
        if (ports.Count == 0)
        {
            throw new ExtcapUsageException($"{OptionNames.Ports}: no port given");
        }
        return ports;
    }

    private static string? ParseHost(string? text)
    {
        var host = text?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        // The host lands inside a BPF expression, so only name and address characters pass.
        if (!host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '_'))
        {
            throw new ExtcapUsageException($"{OptionNames.ServerHost}: \"{host}\" is not a host name or address");
        }
        return host;
    }

    private static bool ParseBoolean(string? text, bool defaultValue)
    {
        if (text is null)
        {
            return defaultValue;
        }

        // Wireshark's own rule for extcap booleans: true when it contains y, t or a digit 1-9.
        return text.Any(c => char.ToLowerInvariant(c) is 'y' or 't' or (>= '1' and <= '9'));
    }

    private static Thumbprint? ParseThumbprint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return Thumbprint.TryParse(text, out var thumbprint)
            ? thumbprint
            : throw new ExtcapUsageException(
                $"{OptionNames.ExpectedThumbprint}: \"{text.Trim()}\" is not a 40-digit SHA-1 thumbprint");
    }

    private static LogLevel ParseLogLevel(string? text)
    {
        if (text is null)
        {
            _ = LogVerbosity.TryParse(LogVerbosity.DefaultName, out var defaultLevel);
            return defaultLevel;
        }
        return LogVerbosity.TryParse(text, out var level)
            ? level
            : throw new ExtcapUsageException($"{OptionNames.LogLevel}: unknown level \"{text}\"");
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
