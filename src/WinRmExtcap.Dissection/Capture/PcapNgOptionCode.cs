namespace WinRmExtcap.Dissection.Capture;

/// <summary>pcapng option codes this project reads or writes (draft-ietf-opsawg-pcapng, section 3.5).</summary>
internal enum PcapNgOptionCode : ushort
{
    /// <summary>opt_endofopt: ends an options list.</summary>
    EndOfOptions = 0,

    /// <summary>opt_comment: UTF-8 text, allowed on every block.</summary>
    Comment = 1,

    /// <summary>if_name on an Interface Description Block.</summary>
    InterfaceName = 2,

    /// <summary>shb_userappl on a Section Header Block.</summary>
    UserApplication = 4,

    /// <summary>if_tsresol: one byte, 10^-n seconds, or 2^-n when the top bit is set.</summary>
    TimestampResolution = 9,

    /// <summary>if_tsoffset: signed 64-bit seconds added to every timestamp of the interface.</summary>
    TimestampOffset = 14,
}
