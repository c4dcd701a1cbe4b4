using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// A parser for the subset of HOCON that study files use, recording the line and column of every key and
/// value (Akka's parser keeps no positions). Supported: objects with <c>=</c> or <c>:</c> (or nothing
/// before <c>{</c>), fields separated by new lines or commas, lists <c>[a, b]</c> over several lines,
/// quoted strings with JSON escapes, triple-quoted strings, unquoted strings (<c>one-shot</c>, <c>1e-3</c>),
/// value concatenation on one line, <c>#</c> and <c>//</c> comments, dotted keys, and repeated keys (objects
/// merge, otherwise the last wins). Not supported, and reported as errors: substitutions <c>${...}</c>,
/// <c>+=</c> and <c>include</c>.
/// </summary>
internal sealed class HoconParser
{
    // HOCON forbids these in unquoted strings.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _column = 1;

    private HoconParser(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>Parses a whole document; the root braces are optional.</summary>
    /// <exception cref="StudyFileException">A syntax error, with the line and column.</exception>
    public static HoconObject Parse(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HoconParser(text, file).ParseDocument();
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private HoconObject ParseDocument()
    {
        SkipBlank();
        if (!AtEnd && Current == '{')
        {
            var (line, column) = (_line, _column);
            Advance();
            var root = ParseFields(new HoconObject(line, column), string.Empty, braced: true);
            SkipBlank();
            if (!AtEnd)
            {
                throw Error(string.Empty, $"unexpected {Show(Current)} after the closing '}}' of the document");
            }

            return root;
        }

        return ParseFields(new HoconObject(1, 1), string.Empty, braced: false);
    }

    // Reads fields into target until its closing brace (braced) or the end of the text.
    private HoconObject ParseFields(HoconObject target, string path, bool braced)
    {
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                if (braced)
                {
                    throw new StudyFileException(_file, target.Line, target.Column, path, "'{' is never closed; add '}'");
                }

                return target;
            }

            if (Current == '}')
            {
                if (!braced)
                {
                    throw Error(path, "unexpected '}' with no '{' open");
                }

                Advance();
                return target;
            }

            ParseField(target, path);
            SkipSpaces();
            if (AtEnd || Current is '\n' or '}' || AtComment())
            {
                continue;
            }

            if (Current == ',')
            {
                Advance();
                continue;
            }

            throw Error(path, $"unexpected {Show(Current)}; separate fields with a new line or a comma");
        }
    }

    private void ParseField(HoconObject target, string path)
    {
        var (line, column) = (_line, _column);
        var keys = ParseKey(path);
        var fullPath = Join(path, string.Join('.', keys));
        if (keys is ["include"])
        {
            throw new StudyFileException(_file, line, column, fullPath, "include is not supported; write the settings in this file");
        }

        SkipSpaces();
        HoconValue value;
        if (!AtEnd && Current == '{')
        {
            value = ParseValue(fullPath);
        }
        else if (!AtEnd && Current is '=' or ':')
        {
            Advance();
            SkipSpaces();
            value = ParseValue(fullPath);
        }
        else if (!AtEnd && Current == '+')
        {
            throw Error(fullPath, "'+=' is not supported; write the whole value with '='");
        }
        else
        {
            throw Error(fullPath, $"expected '=', ':' or '{{' after the key, got {(AtEnd ? "the end of the file" : Show(Current))}");
        }

        // a.b.c = v is a { b { c = v } }.
        var owner = target;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            owner = owner.Child(keys[i], line, column);
        }

        owner.Set(new HoconField(keys[^1], value, line, column));
    }

    private List<string> ParseKey(string path)
    {
        var keys = new List<string>();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(path, "expected a key, got the end of the file");
            }

            if (Current == '"')
            {
                keys.Add(ParseQuoted(path));
            }
            else
            {
                var start = _pos;
                while (!AtEnd && !char.IsWhiteSpace(Current) && Current != '.' && !Forbidden.Contains(Current, StringComparison.Ordinal) && !AtComment())
                {
                    Advance();
                }

                if (_pos == start)
                {
                    throw Error(path, AtEnd || Current is '\n' ? "expected a key" : $"expected a key, got {Show(Current)}");
                }

                keys.Add(_text[start.._pos]);
            }

            if (AtEnd || Current != '.')
            {
                return keys;
            }

            Advance();
        }
    }

    private HoconValue ParseValue(string path, bool inList = false)
    {
        if (AtEnd || Current == '\n' || AtComment() || Current is ',' or '}' or ']')
        {
            throw Error(path, "expected a value");
        }

        var (line, column) = (_line, _column);
        if (Current == '{')
        {
            Advance();
            return ParseFields(new HoconObject(line, column), path, braced: true);
        }

        if (Current == '[')
        {
            Advance();
            return ParseArray(path, line, column);
        }

        return ParseConcatenation(path, line, column, inList);
    }

    private HoconArray ParseArray(string path, int line, int column)
    {
        var items = ImmutableArray.CreateBuilder<HoconValue>();
        while (true)
        {
            SkipBlank();
            if (AtEnd)
            {
                throw new StudyFileException(_file, line, column, path, "'[' is never closed; add ']'");
            }

            if (Current == ']')
            {
                Advance();
                return new HoconArray(items.ToImmutable(), line, column);
            }

            if (Current == '}')
            {
                throw new StudyFileException(_file, line, column, path, "'[' is never closed; add ']'");
            }

            items.Add(ParseValue(path, inList: true));
            SkipSpaces();
            if (!AtEnd && Current == ',')
            {
                Advance();
            }
            else if (!AtEnd && Current is not ('\n' or ']') && !AtComment())
            {
                throw Error(path, $"unexpected {Show(Current)} in a list; separate items with commas");
            }
        }
    }

    // Quoted and unquoted pieces on one line form one string; the spaces between them are kept.
    private HoconScalar ParseConcatenation(string path, int line, int column, bool inList)
    {
        var text = new StringBuilder();
        var quoted = false;
        var pendingSpace = string.Empty;
        while (!AtEnd && Current != '\n' && !AtComment())
        {
            var c = Current;
            if (c is ',' or '}' or ']')
            {
                break;
            }

            if (c is ' ' or '\t' or '\r')
            {
                var start = _pos;
                SkipSpaces();
                pendingSpace = _text[start.._pos];
                continue;
            }

            text.Append(text.Length > 0 || quoted ? pendingSpace : string.Empty);
            pendingSpace = string.Empty;
            if (c == '"')
            {
                text.Append(ParseQuoted(path));
                quoted = true;
            }
            else if (c == '$')
            {
                throw Error(path, "substitutions (${...}) are not supported; to pass ${name} to a command, quote the argument: \"--x=${x}\"");
            }
            else if (c is '{' or '[')
            {
                throw Error(path, $"unexpected {Show(c)} after a string; put the value in double quotes or start it on its own");
            }
            else if (Forbidden.Contains(c, StringComparison.Ordinal))
            {
                var comma = c is '=' or ':' && !inList ? ", or end the field before the next key with a comma" : string.Empty;
                throw Error(path, $"{Show(c)} cannot appear in an unquoted string; put the value in double quotes{comma}");
            }
            else
            {
                var start = _pos;
                while (!AtEnd && !char.IsWhiteSpace(Current) && !Forbidden.Contains(Current, StringComparison.Ordinal) && !AtComment())
                {
                    Advance();
                }

                text.Append(_text, start, _pos - start);
            }
        }

        return new HoconScalar(text.ToString(), quoted, line, column);
    }

    private string ParseQuoted(string path)
    {
        var (line, column) = (_line, _column);
        if (string.CompareOrdinal(_text, _pos, "\"\"\"", 0, 3) == 0)
        {
            Advance(3);
            var close = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new StudyFileException(_file, line, column, path, "'\"\"\"' string is never closed; add '\"\"\"'");
            }

            // Extra quotes just before the closing three belong to the string, as HOCON says.
            while (close + 3 < _text.Length && _text[close + 3] == '"')
            {
                close++;
            }

            var raw = _text[_pos..close];
            Advance(close + 3 - _pos);
            return raw;
        }

        Advance();
        var text = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new StudyFileException(_file, line, column, path, "string is never closed; add '\"' before the end of the line");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                return text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                Advance();
                continue;
            }

            Advance();
            if (AtEnd)
            {
                continue;
            }

            var escape = Current;
            switch (escape)
            {
                case '"' or '\\' or '/':
                    text.Append(escape);
                    break;
                case 'b':
                    text.Append('\b');
                    break;
                case 'f':
                    text.Append('\f');
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 'r':
                    text.Append('\r');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                case 'u' when _pos + 4 < _text.Length
                    && ushort.TryParse(_text.AsSpan(_pos + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    text.Append((char)code);
                    Advance(4);
                    break;
                default:
                    throw Error(path, $"unknown escape '\\{escape}'; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX");
            }

            Advance();
        }
    }

    private bool AtComment() =>
        !AtEnd && (Current == '#' || (Current == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/'));

    // Spaces, tabs and carriage returns, but not new lines (they separate fields).
    private void SkipSpaces()
    {
        while (!AtEnd && Current is ' ' or '\t' or '\r' or '\uFEFF')
        {
            Advance();
        }

        if (AtComment())
        {
            while (!AtEnd && Current != '\n')
            {
                Advance();
            }
        }
    }

    // Whitespace, new lines and comments.
    private void SkipBlank()
    {
        while (!AtEnd)
        {
            SkipSpaces();
            if (AtEnd || Current != '\n')
            {
                return;
            }

            Advance();
        }
    }

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && !AtEnd; i++)
        {
            if (Current == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _pos++;
        }
    }

    private StudyFileException Error(string path, string problem) => new(_file, _line, _column, path, problem);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Show(char c) => c == '\'' ? "\"'\"" : $"'{c}'";
}
