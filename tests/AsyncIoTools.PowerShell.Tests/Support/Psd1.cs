using System.Globalization;
using System.Text;

namespace AsyncIoTools.PowerShell.Tests.Support;

/// <summary>
/// Reads the subset of PowerShell data syntax module manifests use: <c>@{ Key = value }</c> hashtables (keys
/// separated by newlines or ';'), <c>@( ... )</c> arrays (commas or newlines), single- and double-quoted strings
/// (no interpolation), numbers, <c>$true</c>/<c>$false</c>/<c>$null</c>, and <c>#</c> comments. Anything else
/// is an error naming the position, so a manifest cannot drift outside what is checked.
/// </summary>
public sealed class Psd1
{
    private readonly string _text;
    private int _at;

    private Psd1(string text) => _text = text;

    public static IReadOnlyDictionary<string, object?> Parse(string text)
    {
        var parser = new Psd1(text);
        var value = parser.Value();
        parser.Skip();
        if (parser._at != text.Length)
        {
            throw parser.Error("text after the manifest");
        }

        return value as IReadOnlyDictionary<string, object?> ?? throw new FormatException("a manifest is one hashtable");
    }

    private object? Value()
    {
        Skip();
        if (Take("@{"))
        {
            return Hashtable();
        }

        if (Take("@("))
        {
            return Array();
        }

        if (Peek() is '\'' or '"')
        {
            return String();
        }

        if (Take("$true"))
        {
            return true;
        }

        if (Take("$false"))
        {
            return false;
        }

        if (Take("$null"))
        {
            return null;
        }

        var start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] is '.' or '-'))
        {
            _at++;
        }

        return _at > start && double.TryParse(_text[start.._at], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Error("a value");
    }

    private Dictionary<string, object?> Hashtable()
    {
        var table = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            SkipSeparators(';');
            if (Take("}"))
            {
                return table;
            }

            var key = Peek() is '\'' or '"' ? String() : Word();
            Skip();
            if (!Take("="))
            {
                throw Error($"'=' after {key}");
            }

            if (!table.TryAdd(key, Value()))
            {
                throw Error($"one {key}");
            }
        }
    }

    private List<object?> Array()
    {
        var items = new List<object?>();
        while (true)
        {
            SkipSeparators(',');
            if (Take(")"))
            {
                return items;
            }

            items.Add(Value());
        }
    }

    private string String()
    {
        var quote = _text[_at++];
        var value = new StringBuilder();
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (c == quote)
            {
                if (_at < _text.Length && _text[_at] == quote)
                {
                    value.Append(quote);
                    _at++;
                    continue;
                }

                return value.ToString();
            }

            if (quote == '"' && c is '$' or '`')
            {
                throw Error("a string without interpolation or escapes");
            }

            value.Append(c);
        }

        throw Error("the end of a string");
    }

    private string Word()
    {
        var start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_'))
        {
            _at++;
        }

        return _at > start ? _text[start.._at] : throw Error("a key");
    }

    private void SkipSeparators(char separator)
    {
        do
        {
            Skip();
        }
        while (Take(separator.ToString()));
    }

    private void Skip()
    {
        while (_at < _text.Length)
        {
            if (char.IsWhiteSpace(_text[_at]))
            {
                _at++;
            }
            else if (_text[_at] == '#')
            {
                while (_at < _text.Length && _text[_at] != '\n')
                {
                    _at++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _at < _text.Length ? _text[_at] : '\0';

    private bool Take(string token)
    {
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) == 0)
        {
            _at += token.Length;
            return true;
        }

        return false;
    }

    private FormatException Error(string expected)
    {
        var line = _text[.._at].Count(c => c == '\n') + 1;
        return new FormatException($"manifest line {line}: expected {expected}");
    }
}
