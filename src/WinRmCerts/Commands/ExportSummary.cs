using System.Globalization;
using System.Text.Json;
using WinRmExtcap.Dissection.Certificates;
using WinRmExtcap.Dissection.Reporting;
using WinRmExtcap.Dissection.Sessions;

namespace WinRmCerts.Commands;

/// <summary>Prints what <c>export</c> found: as text for people, or as JSON with ECS field names.</summary>
public static class ExportSummary
{
    private const int CarriersShownPerCertificate = 5;

    public static void WriteText(TextWriter output, IReadOnlyList<ExportedCertificate> certificates, string folder)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(certificates);
        if (certificates.Count == 0)
        {
            output.WriteLine("No certificates found.");
            return;
        }

        output.WriteLine($"{certificates.Count} certificate(s) written to {folder}");
        foreach (var exported in certificates)
        {
            var certificate = exported.Certificate;
            output.WriteLine();
            output.WriteLine(certificate.Thumbprint.Hex);
            output.WriteLine($"  subject    {certificate.Subject ?? "(undecodable)"}");
            output.WriteLine($"  issuer     {certificate.Issuer ?? "(undecodable)"}");
            var notAfter = certificate.NotAfter is { } time ? CertificateComment.FormatTime(time) : "(unknown)";
            output.WriteLine($"  not after  {notAfter}");
            if (certificate.DecodeError is { } error)
            {
                output.WriteLine($"  error      {error}");
            }
            foreach (var carrier in exported.Carriers.Take(CarriersShownPerCertificate))
            {
                output.WriteLine($"  seen       {Describe(carrier)}");
            }
            var more = exported.TimesSeen - Math.Min(exported.Carriers.Count, CarriersShownPerCertificate);
            if (more > 0)
            {
                output.WriteLine($"             ... and {more} more time(s)");
            }
        }
    }

    /// <summary>
    /// JSON: one object per certificate, field names from the Elastic Common Schema where one
    /// exists (<c>hash.sha1</c>, <c>x509.subject.distinguished_name</c>, <c>x509.not_after</c>, ...).
    /// </summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<ExportedCertificate> certificates, string folder)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(certificates);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("output_folder", folder);
            json.WriteStartArray("certificates");
            foreach (var exported in certificates)
            {
                WriteCertificate(json, exported);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCertificate(Utf8JsonWriter json, ExportedCertificate exported)
    {
        var certificate = exported.Certificate;
        json.WriteStartObject();
        json.WriteStartObject("hash");
        json.WriteString("sha1", certificate.Thumbprint.Hex);
        json.WriteString("sha256", certificate.Sha256);
        json.WriteEndObject();
        json.WriteStartObject("x509");
        WriteDistinguishedName(json, "subject", certificate.Subject);
        WriteDistinguishedName(json, "issuer", certificate.Issuer);
        WriteTime(json, "not_before", certificate.NotBefore);
        WriteTime(json, "not_after", certificate.NotAfter);
        if (certificate.SerialNumber is { } serial)
        {
            json.WriteString("serial_number", serial);
        }
        json.WriteEndObject();
        if (certificate.DecodeError is { } error)
        {
            json.WriteString("error", error);
        }
        if (exported.FilePath is { } path)
        {
            json.WriteStartObject("file");
            json.WriteString("path", path);
            json.WriteEndObject();
        }
        json.WriteNumber("times_seen", exported.TimesSeen);
        json.WriteStartArray("seen");
        foreach (var carrier in exported.Carriers)
        {
            json.WriteStartObject();
            json.WriteString("capture", carrier.Capture);
            json.WriteString("role", carrier.Role == CertificateRole.Server ? "server" : "client");
            json.WriteNumber("chain_position", carrier.ChainPosition + 1);
            json.WriteStartObject("client");
            json.WriteString("ip", carrier.Client.Address.ToString());
            json.WriteNumber("port", carrier.Client.Port);
            json.WriteEndObject();
            json.WriteStartObject("server");
            json.WriteString("ip", carrier.Server.Address.ToString());
            json.WriteNumber("port", carrier.Server.Port);
            json.WriteEndObject();
            json.WriteNumber("frame", carrier.FrameNumber);
            json.WriteString("@timestamp", carrier.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDistinguishedName(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        json.WriteStartObject(name);
        json.WriteString("distinguished_name", value);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteString(name, CertificateComment.FormatTime(time));
        }
    }

    private static string Describe(CertificateCarrier carrier)
    {
        var role = carrier.Role == CertificateRole.Server ? "server" : "client";
        return $"{carrier.Client} -> {carrier.Server}  frame {carrier.FrameNumber}  ({role}, "
            + $"chain {carrier.ChainPosition + 1})  {carrier.Capture}";
    }
}
