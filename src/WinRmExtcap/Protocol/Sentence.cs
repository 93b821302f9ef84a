using System.Globalization;
using System.Text;

namespace WinRmExtcap.Protocol;

/// <summary>
/// One line of extcap output, <c>kind {name=value}{name=value}</c>. Wireshark matches attribute
/// values non-greedily up to a closing brace, so values are cleaned of braces and line breaks.
/// </summary>
internal sealed class Sentence
{
    private readonly StringBuilder _text;

    private Sentence(string kind)
    {
        _text = new StringBuilder(kind).Append(' ');
    }

    public static Sentence Extcap() => new("extcap");

    public static Sentence Interface() => new("interface");

    public static Sentence Dlt() => new("dlt");

    public static Sentence Arg() => new("arg");

    public static Sentence Value() => new("value");

    public static Sentence Control() => new("control");

    public Sentence With(string name, string value)
    {
        _text.Append('{').Append(name).Append('=').Append(Clean(value)).Append('}');
        return this;
    }

    public Sentence With(string name, long value) => With(name, value.ToString(CultureInfo.InvariantCulture));

    public Sentence With(string name, bool value) => With(name, value ? "true" : "false");

    public override string ToString() => _text.ToString();

    private static string Clean(string value)
    {
        var cleaned = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            cleaned.Append(c switch
            {
                '{' => '(',
                '}' => ')',
                '\r' or '\n' or '\t' => ' ',
                _ => c,
            });
        }
        return cleaned.ToString();
    }
}
