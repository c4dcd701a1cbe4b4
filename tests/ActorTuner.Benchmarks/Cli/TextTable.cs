using System.Text;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>A plain-text table with left-aligned text and right-aligned numbers, for console summaries.</summary>
public sealed class TextTable
{
    private readonly string[] _header;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with these column headings.</summary>
    public TextTable(params string[] header) => _header = header;

    /// <summary>Adds a row (as many cells as headings).</summary>
    public void Add(params string[] row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Length != _header.Length)
        {
            throw new ArgumentException($"expected {_header.Length} cells, got {row.Length}", nameof(row));
        }

        _rows.Add(row);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var widths = _header.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells, bool header)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                var numeric = !header && i > 0 && cells[i].Length > 0 && (char.IsDigit(cells[i][^1]) || cells[i] == "-");
                text.Append(numeric ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
                text.Append(i + 1 < cells.Length ? "  " : string.Empty);
            }

            text.Append('\n');
        }

        Line(_header, header: true);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in _rows)
        {
            Line(row, header: false);
        }

        return text.ToString();
    }
}
