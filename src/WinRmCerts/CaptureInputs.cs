using WinRmExtcap.Dissection.Capture;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmCerts;

/// <summary>
/// Opens each capture named on the command line in turn and reads it through a fresh tracker,
/// turning every way a file can fail into one line on standard error and an exit code, so the
/// remaining files are still processed.
/// </summary>
public static class CaptureInputs
{
    /// <summary>Reads every file; returns the worst exit code met (Success, InputError or InputDamaged).</summary>
    /// <param name="paths">Capture files; "-" is standard input.</param>
    /// <param name="output">Where errors and progress go.</param>
    /// <param name="createTracker">Makes the tracker for one file (given its display name).</param>
    /// <param name="problems">Receives each input that could not be read completely, when given.</param>
    public static ExitCode ReadAll(IReadOnlyList<string> paths, CommandOutput output,
        Func<string, ConnectionTracker> createTracker, ICollection<InputProblem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(createTracker);

        var worst = ExitCode.Success;
        foreach (var path in paths)
        {
            var name = path == "-" ? "standard input" : path;
            var code = ReadOne(path, name, output, createTracker, problems);
            worst = Worse(worst, code);
        }
        return worst;
    }

    private static ExitCode ReadOne(string path, string name, CommandOutput output,
        Func<string, ConnectionTracker> createTracker, ICollection<InputProblem>? problems)
    {
        ExitCode Fail(ExitCode code, string reason, string line)
        {
            output.Error.WriteLine(line);
            problems?.Add(new InputProblem(name, code, reason));
            return code;
        }

        CaptureReader reader;
        try
        {
            reader = CaptureReader.Open(path);
        }
        catch (CaptureFormatException e)
        {
            return Fail(ExitCode.InputError, e.Message, $"winrm-certs: {name}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = FileProblem.Describe(e, path);
            return Fail(ExitCode.InputError, reason, $"winrm-certs: {name}: {reason}");
        }

        using (reader)
        {
            using var progress = new ProgressIndicator(output, name);
            CaptureAnalysisResult result;
            try
            {
                result = CaptureAnalysis.Run(reader, createTracker(name), progress.Report);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var reason = "read failed: " + FileProblem.Describe(e, path);
                return Fail(ExitCode.InputDamaged, reason, $"winrm-certs: {name}: {reason}");
            }
            if (result.IsDamaged)
            {
                var reason = $"{result.DamageReason}; kept what came before ({result.Packets} packets)";
                return Fail(ExitCode.InputDamaged, reason, $"winrm-certs: warning: {name}: {reason}");
            }
            return ExitCode.Success;
        }
    }

    /// <summary>
    /// The code a run ends with when several apply: CheckFailed (a definite finding) outranks
    /// InputError, which outranks InputDamaged, which outranks Success.
    /// </summary>
    public static ExitCode Worse(ExitCode a, ExitCode b)
    {
        static int Rank(ExitCode code) => code switch
        {
            ExitCode.CheckFailed => 3,
            ExitCode.InputError => 2,
            ExitCode.InputDamaged => 1,
            _ => 0,
        };
        return Rank(a) >= Rank(b) ? a : b;
    }
}
