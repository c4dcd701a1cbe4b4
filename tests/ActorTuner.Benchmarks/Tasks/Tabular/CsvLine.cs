namespace ActorTuner.Benchmarks.Tasks.Tabular;

/// <summary>Splits one CSV line into fields (RFC 4180 quoting: "a,b" and "say ""hi""", no line breaks inside fields).</summary>
public static class CsvLine
{
    /// <summary>
    /// Fills <paramref name="fields"/> with the fields of <paramref name="line"/> and returns how many there are;
    /// returns -1 when a quoted field is not closed.
    /// </summary>
    public static int Split(string line, List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        if (line.IndexOf('"', StringComparison.Ordinal) < 0)
        {
            fields.AddRange(line.Split(','));
            return fields.Count;
        }

        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (quoted)
        {
            return -1;
        }

        fields.Add(field.ToString());
        return fields.Count;
    }
}
