using System.Globalization;
using WinRmCerts.Probing;

namespace WinRmCerts.Commands;

/// <summary>
/// Reads a <c>--hosts</c> file: one HOST[:PORT] per line; blank lines and lines starting with
/// <c>#</c> are skipped, and text after whitespace on a line is a comment.
/// </summary>
public static class ProbeHostsFile
{
    private const char CommentMark = '#';

    /// <summary>The targets in file order.</summary>
    /// <exception cref="UserInputException">The file cannot be read, or a line is not HOST[:PORT].</exception>
    public static IReadOnlyList<ProbeTarget> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: {FileProblem.Describe(e, path)}", e);
        }

        var targets = new List<ProbeTarget>();
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0 || text[0] == CommentMark)
            {
                continue;
            }
            text = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
            if (!ProbeTarget.TryParse(text, out var target, out var error))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{path} line {i + 1}: {error}"));
            }
            targets.Add(target);
        }
        return targets;
    }
}
