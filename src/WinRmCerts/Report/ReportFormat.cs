namespace WinRmCerts.Report;

/// <summary>How <c>report</c> prints.</summary>
public enum ReportFormat
{
    /// <summary>A table for people, within 100 columns.</summary>
    Table,

    /// <summary>JSON with Elastic Common Schema field names.</summary>
    Json,

    /// <summary>CSV, one row per connection.</summary>
    Csv,
}
