namespace WinRmCerts;

/// <summary>The exit codes of <c>winrm-certs</c>, documented in the README.</summary>
public enum ExitCode
{
    /// <summary>Done; every input was read completely.</summary>
    Success = 0,

    /// <summary>A usage error, or an input that could not be read at all (other inputs were still processed).</summary>
    InputError = 1,

    /// <summary>A check the user asked for failed: a thumbprint mismatch, or an expired certificate.</summary>
    CheckFailed = 2,

    /// <summary>An input was damaged or cut short; everything before the damage was processed and kept.</summary>
    InputDamaged = 3,
}
