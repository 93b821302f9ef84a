namespace WinRmCerts;

/// <summary>
/// A mistake on the user's side (a missing file, a folder that cannot be written). Its message is
/// the one line shown on standard error; anything else thrown is a bug and surfaces as such.
/// </summary>
public sealed class UserInputException : Exception
{
    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
