using System.Globalization;
using System.IO.Compression;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tasks.Tabular;

/// <summary>
/// A tabular benchmark: every configuration of a finite grid with the metric of several training seeds.
/// Configurations are stored densely by the mixed-radix number of their value indices (the last parameter
/// varies fastest), each with its seed mean and its seed columns. The true objective is the seed mean;
/// with <see cref="NoiseMode.Seed"/> a sampler observes one seed column drawn by <c>Rng(seed, RngStreams.Noise + trial)</c>.
/// A row may lack some seeds (trailing columns left off, or empty cells): NAS-Bench-201 has 7,456 of its
/// 15,625 rows with 2 of 3 seeds. Its mean is then over the seeds it has (which is how the manifests'
/// optimum and random-search numbers were computed), and the noisy draw picks among them.
/// </summary>
public sealed class TabularTask : IBenchmarkTask
{
    private readonly long[] _strides;
    private readonly double[] _means;
    private readonly double[] _seedValues; // row i's present seeds packed at [i * SeedCount, i * SeedCount + _present[i])
    private readonly byte[] _present;

    private TabularTask(TabularManifest manifest, double[] means, double[] seedValues, byte[] present, int seedCount)
    {
        Manifest = manifest;
        Space = SearchSpace.Create(manifest.Parameters);
        _means = means;
        _seedValues = seedValues;
        _present = present;
        SeedCount = seedCount;
        _strides = new long[manifest.Parameters.Length];
        var stride = 1L;
        for (var i = _strides.Length - 1; i >= 0; i--)
        {
            _strides[i] = stride;
            stride *= manifest.Parameters[i].Count!.Value;
        }

        var finite = means.Where(double.IsFinite).ToArray();
        TableOptimum = finite.Length == 0 ? double.NaN : manifest.Direction == Direction.Minimize ? finite.Min() : finite.Max();
    }

    /// <summary>The manifest the task was read from.</summary>
    public TabularManifest Manifest { get; }

    /// <inheritdoc />
    public string Name => Manifest.Name;

    /// <inheritdoc />
    public SearchSpace Space { get; }

    /// <inheritdoc />
    public Direction Direction => Manifest.Direction;

    /// <summary>The manifest's <c>optimum_of_seed_mean</c>, or the best seed mean of the table when absent.</summary>
    public double? Optimum => Manifest.OptimumOfSeedMean ?? TableOptimum;

    /// <summary>The best seed mean found in the table.</summary>
    public double TableOptimum { get; }

    /// <summary>The number of seed columns in the header (rows may have fewer seeds; see <see cref="SeedsAt"/>).</summary>
    public int SeedCount { get; }

    /// <summary>The number of configurations (rows).</summary>
    public int Configurations => _means.Length;

    /// <summary>Reads <c>NAME.json</c> and the <c>NAME.csv.gz</c> beside it.</summary>
    /// <exception cref="TabularFormatException">Names the file, the key or line, and what was expected.</exception>
    public static TabularTask Load(string manifestPath)
    {
        var manifest = TabularManifest.Load(manifestPath);
        var table = TabularManifest.TablePath(manifestPath);
        if (!File.Exists(table))
        {
            throw new TabularFormatException(table, "file", $"not found; the table of {manifestPath} must lie beside it as {Path.GetFileName(table)}");
        }

        using var file = File.OpenRead(table);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        try
        {
            return Load(manifest, reader, table);
        }
        catch (InvalidDataException e)
        {
            throw new TabularFormatException(table, "file", $"is not a valid gzip file ({e.Message})", e);
        }
    }

    /// <summary>Reads the table of <paramref name="manifest"/> from <paramref name="csv"/> (uncompressed), named <paramref name="source"/> in errors.</summary>
    /// <exception cref="TabularFormatException">Names the file, the line and what was expected.</exception>
    public static TabularTask Load(TabularManifest manifest, TextReader csv, string source)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(csv);
        var ps = manifest.Parameters;
        var fields = new List<string>();
        var header = csv.ReadLine();
        if (header is null || CsvLine.Split(header, fields) < 0)
        {
            throw new TabularFormatException(source, "line 1", $"expected a header: {string.Join(",", ps.Select(p => p.Name))},seed_0,...");
        }

        // Header: every parameter once (any order) and one or more seed columns seed_0, seed_1, ...
        var parameterByName = ps.Select((q, i) => (q.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);
        var columnNames = fields.Select(f => f.Trim()).ToArray();
        var columnOfParameter = new int[ps.Length];
        Array.Fill(columnOfParameter, -1);
        var seedColumns = new List<int>();
        for (var c = 0; c < columnNames.Length; c++)
        {
            var name = columnNames[c];
            if (parameterByName.TryGetValue(name, out var p))
            {
                if (columnOfParameter[p] >= 0)
                {
                    throw new TabularFormatException(source, "line 1", $"column '{name}' appears twice");
                }

                columnOfParameter[p] = c;
            }
            else if (name.StartsWith("seed_", StringComparison.Ordinal))
            {
                seedColumns.Add(c);
            }
            else
            {
                throw new TabularFormatException(source, "line 1", $"column '{name}' is neither a parameter of the manifest ({string.Join(", ", ps.Select(q => q.Name))}) nor a seed column (seed_0, seed_1, ...)");
            }
        }

        for (var p = 0; p < ps.Length; p++)
        {
            if (columnOfParameter[p] < 0)
            {
                throw new TabularFormatException(source, "line 1", $"the header has no column for the parameter '{ps[p].Name}'; expected {string.Join(",", ps.Select(q => q.Name))},seed_0,...");
            }
        }

        if (seedColumns.Count > byte.MaxValue)
        {
            throw new TabularFormatException(source, "line 1", $"the header has {seedColumns.Count} seed columns; at most {byte.MaxValue} are supported");
        }

        // A short row leaves off trailing columns; that is only unambiguous when they are all seed columns.
        var lastParameterColumn = columnOfParameter.Max();
        var firstSeedColumn = seedColumns.DefaultIfEmpty(int.MaxValue).Min();

        if (seedColumns.Count == 0)
        {
            throw new TabularFormatException(source, "line 1", "the header has no seed columns; expected seed_0, seed_1, ... after the parameters");
        }

        if (manifest.Seeds is { } stated && stated != seedColumns.Count)
        {
            throw new TabularFormatException(source, "line 1", $"the header has {seedColumns.Count} seed columns, but the manifest states seeds = {stated}");
        }

        var size = checked((int)manifest.GridSize);
        var s = seedColumns.Count;
        var means = new double[size];
        var seeds = new double[checked(size * s)];
        var present = new byte[size];
        var lineOf = new int[size]; // 0 = not seen yet
        var resolvers = ps.Select(p => new CellResolver(p)).ToArray();
        var strides = new long[ps.Length];
        var stride = 1L;
        for (var i = ps.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= ps[i].Count!.Value;
        }

        var lineNumber = 1;
        var rows = 0;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var count = CsvLine.Split(line, fields);
            if (count < 0)
            {
                throw new TabularFormatException(source, $"line {lineNumber}", "a quoted field is not closed");
            }

            if (count > ps.Length + s || count <= lastParameterColumn || count <= firstSeedColumn)
            {
                throw new TabularFormatException(source, $"line {lineNumber}", $"has {count} columns, expected {ps.Length + s} ({ps.Length} parameters + {s} seeds) as in the header, or fewer with only trailing seeds left off");
            }

            long index = 0;
            for (var p = 0; p < ps.Length; p++)
            {
                var cell = fields[columnOfParameter[p]];
                var digit = resolvers[p].Resolve(cell);
                if (digit < 0)
                {
                    throw new TabularFormatException(source, $"line {lineNumber}", $"column '{ps[p].Name}': '{cell}' is not one of the manifest's values [{string.Join(", ", resolvers[p].Values)}]");
                }

                index += digit * strides[p];
            }

            if (lineOf[index] != 0)
            {
                throw new TabularFormatException(source, $"line {lineNumber}", $"repeats the configuration of line {lineOf[index]}; each configuration must appear once");
            }

            lineOf[index] = lineNumber;
            var sum = 0.0;
            var found = 0;
            for (var k = 0; k < s; k++)
            {
                if (seedColumns[k] >= count || fields[seedColumns[k]].Length == 0)
                {
                    continue; // this run is missing from the table
                }

                var cell = fields[seedColumns[k]];
                if (!TryParseNumber(cell, out var value))
                {
                    throw new TabularFormatException(source, $"line {lineNumber}", $"column '{columnNames[seedColumns[k]]}': '{cell}' is not a number");
                }

                seeds[(index * s) + found] = value;
                found++;
                sum += value;
            }

            if (found == 0)
            {
                throw new TabularFormatException(source, $"line {lineNumber}", "has no seed value; a configuration needs at least one");
            }

            present[index] = (byte)found;
            means[index] = sum / found;
            rows++;
        }

        if (rows < size)
        {
            var missing = Array.IndexOf(lineOf, 0);
            var example = string.Join(", ", ps.Select((p, i) => $"{p.Name}={p.ValueAt(missing / strides[i] % p.Count!.Value)}"));
            throw new TabularFormatException(source, $"line {lineNumber} (end of file)", $"the table ends with {size - rows} of the {size} configurations of the manifest's grid missing, e.g. {{{example}}}; every configuration must have a row");
        }

        return new TabularTask(manifest, means, seeds, present, s);
    }

    /// <summary>The dense index of <paramref name="configuration"/> (mixed radix of its value indices).</summary>
    /// <exception cref="ArgumentException">A parameter is missing or has a value not in the manifest.</exception>
    public int IndexOf(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        long index = 0;
        var ps = Manifest.Parameters;
        for (var i = 0; i < ps.Length; i++)
        {
            if (!configuration.TryGetValue(ps[i].Name, out var v))
            {
                throw new ArgumentException($"{Name}: the configuration {configuration} has no value for '{ps[i].Name}'", nameof(configuration));
            }

            var digit = ps[i].IndexOf(v);
            if (digit < 0)
            {
                throw new ArgumentException($"{Name}: '{ps[i].Name}' = {v} is not one of the table's values", nameof(configuration));
            }

            index += digit * _strides[i];
        }

        return (int)index;
    }

    /// <summary>The seed mean of <paramref name="configuration"/>.</summary>
    public double Evaluate(Configuration configuration) => _means[IndexOf(configuration)];

    /// <summary>The seed mean at dense index <paramref name="index"/>.</summary>
    public double MeanAt(int index) => _means[index];

    /// <summary>How many seed values the configuration at dense index <paramref name="index"/> has.</summary>
    public int SeedsAt(int index) => _present[index];

    /// <summary>The <paramref name="seed"/>-th present seed value (0 ≤ seed &lt; <see cref="SeedsAt"/>) of the configuration at dense index <paramref name="index"/>.</summary>
    public double SeedValueAt(int index, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(seed, (int)_present[index]);
        return _seedValues[((long)index * SeedCount) + seed];
    }

    /// <summary>The seed mean (<see cref="NoiseMode.Mean"/>) or one of the row's seed values drawn for this (seed, trial) (<see cref="NoiseMode.Seed"/>).</summary>
    public double Observe(Configuration configuration, NoiseMode noise, long seed, int trial)
    {
        var index = IndexOf(configuration);
        return noise == NoiseMode.Mean
            ? _means[index]
            : SeedValueAt(index, new Rng(seed, RngStreams.Noise + trial).NextInt(_present[index]));
    }

    private static bool TryParseNumber(string cell, out double value)
    {
        var text = cell.AsSpan().Trim();
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // Python writes nan, inf and -inf; a NaN seed makes the configuration a failed trial.
        if (text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Maps a CSV cell to a value index: strings exactly, booleans as true/false in any case, numbers by value
    /// (exactly, else within a relative 1e-9, so 1e-05 matches 0.00001 and 4 matches 4.0). Spellings seen once
    /// are cached, so a table is parsed at dictionary-lookup speed.
    /// </summary>
    private sealed class CellResolver(ParameterSpec parameter)
    {
        private readonly Dictionary<string, int> _cache = new(StringComparer.Ordinal);

        public IEnumerable<ParameterValue> Values => Enumerable.Range(0, (int)parameter.Count!.Value).Select(i => parameter.ValueAt(i));

        public int Resolve(string cell)
        {
            if (_cache.TryGetValue(cell, out var known))
            {
                return known;
            }

            var index = Find(cell.Trim());
            if (index >= 0)
            {
                _cache[cell] = index;
            }

            return index;
        }

        private int Find(string cell)
        {
            var n = (int)parameter.Count!.Value;
            for (var i = 0; i < n; i++)
            {
                var v = parameter.ValueAt(i);
                if (v.Kind == ParameterValueKind.Text && v.AsText() == cell)
                {
                    return i;
                }
            }

            for (var i = 0; i < n; i++)
            {
                var v = parameter.ValueAt(i);
                if (v.Kind == ParameterValueKind.Boolean && cell.Equals(v.AsBoolean() ? "true" : "false", StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
            {
                return -1;
            }

            var best = -1;
            var bestGap = double.PositiveInfinity;
            for (var i = 0; i < n; i++)
            {
                var v = parameter.ValueAt(i);
                if (!v.IsNumber)
                {
                    continue;
                }

                var y = v.AsDouble();
                if (x == y)
                {
                    return i;
                }

                var gap = Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y));
                if (gap <= 1e-9 && gap < bestGap)
                {
                    best = i;
                    bestGap = gap;
                }
            }

            return best;
        }
    }
}
