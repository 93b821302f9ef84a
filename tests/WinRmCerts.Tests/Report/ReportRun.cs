using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WinRmCerts.Commands;

namespace WinRmCerts.Tests.Report;

/// <summary>Runs <c>report</c> in process and keeps what it printed and returned.</summary>
/// <param name="Code">The exit code.</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
public sealed record ReportRun(ExitCode Code, string Out, string Error)
{
    public static ReportRun Of(ReportRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReportCommand.Run(request, new CommandOutput(output, error, ErrorIsTerminal: false),
            NullLoggerFactory.Instance);
        return new ReportRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs with <c>--json</c> on one capture, plus whatever <paramref name="change"/> adds.</summary>
    public static ReportRun Json(string capture, Func<ReportRequest, ReportRequest>? change = null)
    {
        var request = new ReportRequest { Captures = [capture], Json = true };
        return Of(change is null ? request : change(request));
    }

    public JsonElement Root => JsonDocument.Parse(Out).RootElement;

    public IReadOnlyList<JsonElement> Connections => Root.GetProperty("connections").EnumerateArray().ToList();

    public JsonElement Server => Assert.Single(Root.GetProperty("servers").EnumerateArray().ToList());

    public IReadOnlyList<string> Changes =>
        Server.GetProperty("timeline").EnumerateArray()
            .Select(e => e.GetProperty("change").GetString() ?? string.Empty)
            .ToList();

    public static string Classification(JsonElement connection) =>
        connection.GetProperty("winrm_certs").GetProperty("classification").GetString() ?? string.Empty;
}
