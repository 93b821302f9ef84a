namespace WinRmCerts;

/// <summary>Turns a failure to open or read a file into the few words a user needs.</summary>
public static class FileProblem
{
    /// <summary>
    /// "no such file", "is a folder, not a file", "permission denied", or the platform's message
    /// for anything rarer.
    /// </summary>
    public static string Describe(Exception error, string path)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error switch
        {
            FileNotFoundException => "no such file",
            DirectoryNotFoundException => "no such file or folder",
            UnauthorizedAccessException when Directory.Exists(path) => "is a folder, not a file",
            UnauthorizedAccessException => "permission denied",
            _ => error.Message,
        };
    }
}
