using System.Text.RegularExpressions;

namespace WinRmExtcap.Dissection.Reporting;

public static partial class ListenerConfigurationParser
{
    private const string GroupHeading = "WSManConfig:";
    private const string FormatListSeparator = " : ";

    /// <summary>
    /// <c>Get-ChildItem WSMan:\localhost\Listener -Recurse | Format-List</c>: records of
    /// <c>Name : Value</c> lines separated by blank lines, under <c>WSManConfig: path</c> group
    /// headings. A listener is a container <c>Listener_N</c> whose <c>Keys</c> hold Transport and
    /// Address; each property is a leaf record whose parent path ends in <c>Listener_N</c> and
    /// whose <c>Name</c> and <c>Value</c> give the property. Values longer than the console are
    /// wrapped onto indented continuation lines, which are joined back.
    /// </summary>
    private static void ParseWsmanDrive(string[] lines, string name, List<ConfiguredCertificate> certificates,
        List<string> warnings)
    {
        var listeners = new Dictionary<string, (int Line, Dictionary<string, string> Properties)>(
            StringComparer.OrdinalIgnoreCase);
        string? groupPath = null;
        var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastKey = null;
        var recordStart = 0;

        for (var i = 0; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i].TrimEnd() : string.Empty;
            var heading = line.TrimStart();
            if (heading.StartsWith(GroupHeading, StringComparison.OrdinalIgnoreCase))
            {
                Collect(record, groupPath, recordStart);
                groupPath = heading[GroupHeading.Length..].Trim();
                lastKey = null;
                continue;
            }
            if (line.Length == 0)
            {
                Collect(record, groupPath, recordStart);
                lastKey = null;
                continue;
            }
            var match = FormatListLine().Match(line);
            if (match.Success)
            {
                if (record.Count == 0)
                {
                    recordStart = i;
                }
                lastKey = match.Groups["key"].Value;
                record[lastKey] = match.Groups["value"].Value;
            }
            else if (lastKey is not null && char.IsWhiteSpace(line[0]))
            {
                record[lastKey] += line.Trim();
            }
        }

        foreach (var (listenerName, (line, properties)) in listeners)
        {
            if (properties.ContainsKey("Transport"))
            {
                AddListener(properties, ConfigurationSource.WsmanDrive, $"{Where(name, line)} ({listenerName})",
                    certificates, warnings);
            }
        }

        void Collect(Dictionary<string, string> fields, string? group, int startLine)
        {
            if (fields.Count == 0)
            {
                return;
            }
            var parentPath = fields.GetValueOrDefault("PSParentPath") ?? group ?? string.Empty;
            var childName = fields.GetValueOrDefault("PSChildName") ?? fields.GetValueOrDefault("Name");
            if (fields.TryGetValue("Keys", out var keys) && childName is not null && IsListenerName(childName))
            {
                var listener = ListenerOf(childName, startLine);
                foreach (Match pair in KeyPair().Matches(keys))
                {
                    listener[pair.Groups["key"].Value] = pair.Groups["value"].Value;
                }
            }
            else if (LastSegment(parentPath) is { } parent && IsListenerName(parent)
                && fields.TryGetValue("Name", out var property) && fields.TryGetValue("Value", out var value))
            {
                ListenerOf(parent, startLine)[property] = value;
            }
            fields.Clear();
        }

        Dictionary<string, string> ListenerOf(string listenerName, int startLine)
        {
            if (!listeners.TryGetValue(listenerName, out var listener))
            {
                listener = (startLine, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                listeners.Add(listenerName, listener);
            }
            return listener.Properties;
        }
    }

    private static bool IsListenerName(string text) => ListenerName().IsMatch(text);

    private static string? LastSegment(string path)
    {
        var trimmed = path.TrimEnd('\\');
        var slash = trimmed.LastIndexOf('\\');
        return slash < 0 ? null : trimmed[(slash + 1)..];
    }

    /// <summary>A Format-List line: a property name at the left margin, padding, a colon, the value.</summary>
    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9_]*)\s*:(?: (?<value>.*))?$")]
    private static partial Regex FormatListLine();

    /// <summary>One <c>Name=Value</c> of a <c>{Transport=HTTPS, Address=*}</c> key list.</summary>
    [GeneratedRegex(@"(?<key>[A-Za-z]+)=(?<value>[^,}]*)")]
    private static partial Regex KeyPair();

    [GeneratedRegex(@"^Listener_\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenerName();
}
