using System.CommandLine;
using Microsoft.Extensions.Logging;
using WinRmCerts.Commands;

namespace WinRmCerts;

/// <summary>The <c>winrm-certs</c> command tree.</summary>
public static class CommandLine
{
    public static RootCommand Create(CommandOutput output, ILoggerFactory loggerFactory)
    {
        var root = new RootCommand(
            "Which certificate did the WinRM server present on the wire? Exports, reports and annotates "
            + "certificates from captures. Set WINRM_CERTS_LOG_LEVEL=debug for diagnostics on standard error.");
        root.Subcommands.Add(ExportCommand.Create(output, loggerFactory));
        root.Subcommands.Add(ReportCommand.Create(output, loggerFactory));
        root.Subcommands.Add(AnnotateCommand.Create(output, loggerFactory));
        root.Subcommands.Add(ProbeCommand.Create(output, loggerFactory));
        return root;
    }
}
