namespace WinRmExtcap.Dissection.Certificates;

/// <summary>A certificate's validity at one moment (the capture time of the packet that carried it).</summary>
public enum ValidityStatus : byte
{
    Valid,
    Expired,
    NotYetValid,

    /// <summary>The platform could not decode the certificate, so its dates are unknown.</summary>
    Undecodable,
}
