namespace WinRmExtcap.Control;

/// <summary>The command byte of a control-pipe message (Wireshark's interface toolbar protocol).</summary>
internal enum ControlCommand : byte
{
    /// <summary>Sent by Wireshark once it has sent every value the user changed; never by an extcap.</summary>
    Initialized = 0,

    Set = 1,
    Add = 2,
    Remove = 3,
    Enable = 4,
    Disable = 5,
    StatusbarMessage = 6,
    InformationMessage = 7,
    WarningMessage = 8,
    ErrorMessage = 9,
}
