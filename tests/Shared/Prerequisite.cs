using System.Diagnostics;

namespace WinRmExtcap.TestSupport;

/// <summary>
/// Locates the real external programs the end-to-end tests drive. A missing program skips the
/// test with a visible reason on a developer machine and fails it in CI (<c>CI=true</c>), where
/// <c>.ci/run</c> installs every prerequisite.
/// </summary>
public static class Prerequisite
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    /// <summary>Full path of <paramref name="program"/> on PATH (or in the .NET tools folder), or null.</summary>
    public static string? Find(string program)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        foreach (var folder in candidates)
        {
            var path = Path.Combine(folder, program);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    /// <summary>The reason a test cannot run, or null when every named program is present.</summary>
    public static string? MissingReason(params string[] programs)
    {
        var missing = programs.Where(p => p == "root" ? !IsRoot : Find(p) is null).ToArray();
        if (missing.Length == 0)
        {
            return null;
        }
        return $"needs {string.Join(", ", missing)} (run .ci/run, which installs it)";
    }
}

/// <summary>
/// A fact that needs external programs (for example <c>tshark</c>, <c>openssl</c>, <c>pwsh</c>, or
/// <c>root</c> for live capture). Outside CI it is skipped with the reason; in CI it runs and the
/// test fails on the missing program.
/// </summary>
public sealed class RequiresFactAttribute : Xunit.FactAttribute
{
    public RequiresFactAttribute(params string[] programs)
    {
        var reason = Prerequisite.MissingReason(programs);
        if (reason is not null && !Prerequisite.InCi)
        {
            Skip = reason;
        }
    }
}

/// <summary>The theory form of <see cref="RequiresFactAttribute"/>.</summary>
public sealed class RequiresTheoryAttribute : Xunit.TheoryAttribute
{
    public RequiresTheoryAttribute(params string[] programs)
    {
        var reason = Prerequisite.MissingReason(programs);
        if (reason is not null && !Prerequisite.InCi)
        {
            Skip = reason;
        }
    }
}

/// <summary>Runs a program to completion and captures its output.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(string program, IEnumerable<string> arguments, string? stdin = null,
        int timeoutMs = 120_000, string? workingDirectory = null,
        IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(Prerequisite.Find(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }
        process.StandardInput.Close();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeoutMs} ms");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>Paths of the repository and of the shared corpus beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus", "public"));

    public static string Samples => Path.Combine(Root, "samples");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "WinRmExtcap.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName
            ?? throw new InvalidOperationException("WinRmExtcap.sln not found above the test binaries");
    }
}
