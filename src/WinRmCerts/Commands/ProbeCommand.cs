using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using WinRmCerts.Probing;

namespace WinRmCerts.Commands;

/// <summary>
/// <c>winrm-certs probe HOST[:PORT]...</c>: completes a TLS handshake with each endpoint and
/// reports the presented chain, the negotiated version and cipher suite, validity now, whether
/// the name matches, and chain trust; <c>--watch</c> keeps probing and logs each change;
/// <c>--check</c> answers as a monitoring plugin.
/// </summary>
public static class ProbeCommand
{
    private const int DefaultWarnDays = 30;

    public static Command Create(CommandOutput output, ILoggerFactory loggerFactory)
    {
        var targets = new Argument<string[]>("targets")
        {
            Description = "Endpoints as HOST, HOST:PORT or [IPV6]:PORT; the port defaults to 5986. "
                + "HOST is what SNI sends and what the certificate must match.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var hosts = new Option<string>("--hosts")
        {
            HelpName = "file",
            Description = "A file with one HOST[:PORT] per line (# starts a comment).",
        };
        var tls12 = new Option<bool>("--tls12")
        {
            Description = "Cap the handshake at TLS 1.2, so a capture taken meanwhile shows the certificate in clear.",
        };
        var sni = new Option<string>("--sni")
        {
            HelpName = "name",
            Description = "Send this server name (SNI) and match the certificate against it, "
                + "e.g. when probing a server by its address.",
        };
        var ca = new Option<string>("--ca")
        {
            HelpName = "file",
            Description = "Judge trust against the certificates in this PEM or DER file instead of the system store.",
        };
        var timeout = DurationOption("--timeout", "Time one probe may take, connection and handshake "
            + "together (500ms, 10s, 1m). Default: 10s.", ProbeSettings.DefaultTimeout);
        var parallel = new Option<int>("--parallel")
        {
            Description = "Probes running at once.",
            DefaultValueFactory = _ => ProbeRound.DefaultParallelism,
        };
        var watch = new Option<TimeSpan?>("--watch")
        {
            HelpName = "interval",
            Description = "Keep probing at this interval (30s, 5m, 1h) and log each change of the presented "
                + "certificate, each crossing of --warn-days, expiry and reachability.",
            CustomParser = ParseOptionalDuration,
        };
        var count = new Option<int?>("--count")
        {
            Description = "With --watch: stop after this many probe rounds.",
        };
        var warnDays = new Option<int>("--warn-days")
        {
            Description = "Fewer whole days left than this is a warning.",
            DefaultValueFactory = _ => DefaultWarnDays,
        };
        var criticalDays = new Option<int>("--critical-days")
        {
            Description = "Fewer whole days left than this is critical (0: only an expired certificate).",
        };
        var check = new Option<bool>("--check")
        {
            Description = "Act as a monitoring plugin: one status line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON (Elastic Common Schema names)." };

        var command = new Command("probe",
            "Connect to live endpoints and report the certificate each presents, its validity, name and trust.")
        {
            targets, hosts, tls12, sni, ca, timeout, parallel, watch, count, warnDays, criticalDays, check, json,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var request = new ProbeRequest
            {
                Targets = parse.GetValue(targets) ?? [],
                HostsFile = parse.GetValue(hosts),
                Tls12Only = parse.GetValue(tls12),
                ServerName = parse.GetValue(sni),
                CaFile = parse.GetValue(ca),
                Timeout = parse.GetValue(timeout),
                Parallelism = parse.GetValue(parallel),
                WatchInterval = parse.GetValue(watch),
                Count = parse.GetValue(count),
                WarnDays = parse.GetValue(warnDays),
                CriticalDays = parse.GetValue(criticalDays),
                Check = parse.GetValue(check),
                Json = parse.GetValue(json),
            };
            return await RunAsync(request, output, loggerFactory, cancellation);
        });
        return command;
    }

    /// <summary>
    /// Runs the probes. Without <c>--check</c>: 0 when every endpoint completed a handshake, 1 for
    /// a usage error or when an endpoint could not be probed (one line on standard error each).
    /// With <c>--check</c>: the monitoring state of the last round as the exit code.
    /// </summary>
    public static async Task<int> RunAsync(
        ProbeRequest request,
        CommandOutput output,
        ILoggerFactory loggerFactory,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(loggerFactory);

        ProbeSettings settings;
        IReadOnlyList<ProbeTarget> targets;
        try
        {
            targets = ResolveTargets(request);
            settings = CreateSettings(request);
        }
        catch (UserInputException e)
        {
            output.Error.WriteLine($"winrm-certs: {e.Message}");
            if (request.Check)
            {
                output.Out.WriteLine($"{ProbeCheck.ServiceName} UNKNOWN - {e.Message}");
                return (int)MonitoringStatus.Unknown;
            }
            return (int)ExitCode.InputError;
        }

        var logger = loggerFactory.CreateLogger(typeof(ProbeCommand));
        var prober = new TlsProber(settings, logger);
        var watch = request.WatchInterval is null ? null : new ProbeWatch(settings.WarnDays);
        IReadOnlyList<ProbeResult> last = [];
        try
        {
            for (var round = 1; ; round++)
            {
                last = await ProbeRound.RunAsync(prober, targets, request.Parallelism, cancellation);
                if (watch is null)
                {
                    WriteRound(output, request, settings, last);
                    break;
                }

                WriteEvents(output, request, settings, watch, last);
                ProbeLog.WatchRound(logger, round, targets.Count);
                if (round == request.Count)
                {
                    break;
                }
                await Task.Delay(request.WatchInterval!.Value, cancellation); // watch is set only with an interval.
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Interrupted (Ctrl+C): the last complete round decides the exit code.
        }

        if (request.Check)
        {
            var (status, line) = ProbeCheck.Summarize(last, settings);
            if (watch is not null)
            {
                output.Out.WriteLine(line);
            }
            return (int)status;
        }
        return last.All(result => result.Succeeded) ? (int)ExitCode.Success : (int)ExitCode.InputError;
    }

    private static void WriteRound(CommandOutput output, ProbeRequest request, ProbeSettings settings,
        IReadOnlyList<ProbeResult> results)
    {
        foreach (var failed in results.Where(result => result.Failure is not null))
        {
            output.Error.WriteLine($"winrm-certs: {failed.Target}: {failed.Failure!.Reason}"); // Filtered above.
        }
        if (request.Check)
        {
            output.Out.WriteLine(ProbeCheck.Summarize(results, settings).Line);
        }
        else if (request.Json)
        {
            ProbeJson.WriteRound(output.Out, results, settings);
        }
        else
        {
            ProbeTable.WriteRound(output.Out, results, settings);
        }
    }

    private static void WriteEvents(CommandOutput output, ProbeRequest request, ProbeSettings settings,
        ProbeWatch watch, IReadOnlyList<ProbeResult> results)
    {
        foreach (var result in results)
        {
            foreach (var watchEvent in watch.Observe(result))
            {
                if (request.Json)
                {
                    ProbeJson.WriteEvent(output.Out, watchEvent, settings);
                }
                else
                {
                    ProbeTable.WriteEvent(output.Out, watchEvent);
                }
            }
        }
        output.Out.Flush();
    }

    private static List<ProbeTarget> ResolveTargets(ProbeRequest request)
    {
        var targets = new List<ProbeTarget>();
        foreach (var text in request.Targets)
        {
            if (!ProbeTarget.TryParse(text, out var target, out var error))
            {
                throw new UserInputException(error);
            }
            targets.Add(target);
        }
        if (request.HostsFile is { } path)
        {
            targets.AddRange(ProbeHostsFile.Read(path));
        }
        if (targets.Count == 0)
        {
            throw new UserInputException("name at least one HOST[:PORT], or a --hosts file");
        }
        if (request.Parallelism < 1)
        {
            throw new UserInputException("--parallel must be at least 1");
        }
        if (request.Count is < 1)
        {
            throw new UserInputException("--count must be at least 1");
        }
        if (request.Count is not null && request.WatchInterval is null)
        {
            throw new UserInputException("--count needs --watch");
        }
        if (request.WarnDays < 0 || request.CriticalDays < 0)
        {
            throw new UserInputException("--warn-days and --critical-days must not be negative");
        }
        return targets;
    }

    private static ProbeSettings CreateSettings(ProbeRequest request)
    {
        var anchors = request.CaFile is { } path ? LoadAnchors(path) : null;
        return new ProbeSettings
        {
            Tls12Only = request.Tls12Only,
            ServerName = string.IsNullOrWhiteSpace(request.ServerName) ? null : request.ServerName.Trim(),
            Timeout = request.Timeout,
            TrustAnchors = anchors,
            TrustAnchorSource = request.CaFile,
            WarnDays = request.WarnDays,
            CriticalDays = request.CriticalDays,
        };
    }

    /// <summary>Every certificate of a PEM bundle, or the one certificate of a DER file.</summary>
    private static X509Certificate2Collection LoadAnchors(string path)
    {
        var anchors = new X509Certificate2Collection();
        try
        {
            anchors.ImportFromPemFile(path);
            if (anchors.Count == 0)
            {
                anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            var reason = e switch
            {
                FileNotFoundException => "no such file",
                DirectoryNotFoundException => "no such file or folder",
                UnauthorizedAccessException => "permission denied",
                CryptographicException => "no certificate in it (PEM or DER expected)",
                _ => e.Message,
            };
            throw new UserInputException($"--ca {path}: {reason}", e);
        }
        return anchors;
    }

    private static Option<TimeSpan> DurationOption(string name, string description, TimeSpan defaultValue) =>
        new(name)
        {
            Description = description,
            HelpName = "duration",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (DurationText.TryParse(text, out var duration))
                {
                    return duration;
                }
                result.AddError($"{name} {text}: not a duration (500ms, 10s, 5m, 1h)");
                return defaultValue;
            },
        };

    private static TimeSpan? ParseOptionalDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (DurationText.TryParse(text, out var duration))
        {
            return duration;
        }
        result.AddError($"--watch {text}: not a duration (500ms, 10s, 5m, 1h)");
        return null;
    }
}
