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
    public static ExitCode ReadAll(IReadOnlyList<string> paths, CommandOutput output,
        Func<string, ConnectionTracker> createTracker)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(createTracker);

        var worst = ExitCode.Success;
        foreach (var path in paths)
        {
            var name = path == "-" ? "standard input" : path;
            var code = ReadOne(path, name, output, createTracker);
            worst = Worse(worst, code);
        }
        return worst;
    }

    private static ExitCode ReadOne(string path, string name, CommandOutput output,
        Func<string, ConnectionTracker> createTracker)
    {
        CaptureReader reader;
        try
        {
            reader = CaptureReader.Open(path);
        }
        catch (CaptureFormatException e)
        {
            output.Error.WriteLine($"winrm-certs: {name}: {e.Message}");
            return ExitCode.InputError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.Error.WriteLine($"winrm-certs: {name}: {FileProblem.Describe(e, path)}");
            return ExitCode.InputError;
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
                output.Error.WriteLine($"winrm-certs: {name}: read failed: {FileProblem.Describe(e, path)}");
                return ExitCode.InputDamaged;
            }
            if (result.IsDamaged)
            {
                output.Error.WriteLine(
                    $"winrm-certs: warning: {name}: {result.DamageReason}; "
                    + $"kept what came before ({result.Packets} packets)");
                return ExitCode.InputDamaged;
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
