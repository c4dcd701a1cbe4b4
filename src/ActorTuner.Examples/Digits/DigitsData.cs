using System.Globalization;
using System.IO.Compression;
using ActorTuner.Core.Randomness;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// The UCI optical recognition of handwritten digits data (Alpaydin and Kaynak 1998) as scikit-learn ships
/// it: 1797 8x8 images, 64 pixel counts in 0..16 each, labels 0..9. Embedded in this assembly as
/// <c>Data/digits.csv.gz</c>; origin and licence (CC BY 4.0) in <c>Data/LICENSE-digits.md</c>.
/// </summary>
public static class DigitsData
{
    /// <summary>Rows in the data set.</summary>
    public const int RowCount = 1797;

    /// <summary>Pixels per image (8 x 8).</summary>
    public const int FeatureCount = 64;

    /// <summary>Digits 0..9.</summary>
    public const int ClassCount = 10;

    /// <summary>The seed of the split every example uses.</summary>
    public const long DefaultSplitSeed = 20250101;

    private const string ResourceName = "ActorTuner.Examples.Data.digits.csv.gz";
    private const float MaxPixel = 16f;

    private static readonly Lazy<LabelledSet> All = new(ReadEmbedded);
    private static readonly Lazy<DigitsSplit> DefaultSplit = new(() => Split(All.Value, DefaultSplitSeed));

    /// <summary>The fixed split (seed <see cref="DefaultSplitSeed"/>), read once per process.</summary>
    public static DigitsSplit Load() => DefaultSplit.Value;

    /// <summary>A stratified split of all rows drawn with <paramref name="seed"/>.</summary>
    public static DigitsSplit Load(long seed) => seed == DefaultSplitSeed ? Load() : Split(All.Value, seed);

    /// <summary>All 1797 rows in file order, pixels divided by 16 so features lie in [0, 1].</summary>
    public static LabelledSet LoadAll() => All.Value;

    /// <summary>
    /// Cuts <paramref name="data"/> per class: each class's rows are shuffled with <c>Rng(seed)</c>, the first
    /// round(0.6 n_c) go to train, the next round(0.2 n_c) to validation, the rest to test; each split keeps
    /// file order. Class proportions therefore match in all three to within one row per class.
    /// </summary>
    public static DigitsSplit Split(LabelledSet data, long seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        var rng = new Rng(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        for (var c = 0; c < data.ClassCount; c++)
        {
            var rows = new List<int>();
            for (var i = 0; i < data.Count; i++)
            {
                if (data.Y[i] == c)
                {
                    rows.Add(i);
                }
            }

            var shuffled = rows.ToArray();
            rng.Shuffle(shuffled.AsSpan());
            var nTrain = (int)Math.Round(0.6 * shuffled.Length, MidpointRounding.AwayFromZero);
            var nValidation = (int)Math.Round(0.2 * shuffled.Length, MidpointRounding.AwayFromZero);
            train.AddRange(shuffled.Take(nTrain));
            validation.AddRange(shuffled.Skip(nTrain).Take(nValidation));
            test.AddRange(shuffled.Skip(nTrain + nValidation));
        }

        return new DigitsSplit(Pick(data, train), Pick(data, validation), Pick(data, test));
    }

    private static LabelledSet Pick(LabelledSet data, List<int> rows)
    {
        rows.Sort();
        return data.Select(rows.ToArray());
    }

    private static LabelledSet ReadEmbedded()
    {
        using var resource = typeof(DigitsData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from {typeof(DigitsData).Assembly.GetName().Name}; rebuild the project");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return Parse(reader, ResourceName);
    }

    /// <summary>Parses the CSV (64 pixel counts then the label per line) and scales pixels to [0, 1].</summary>
    internal static LabelledSet Parse(TextReader reader, string source)
    {
        var features = new List<float>(RowCount * FeatureCount);
        var labels = new List<int>(RowCount);
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != FeatureCount + 1)
            {
                throw new InvalidDataException($"{source} line {lineNumber}: {fields.Length} fields, expected {FeatureCount} pixels and a label");
            }

            for (var j = 0; j < FeatureCount; j++)
            {
                var pixel = float.Parse(fields[j], NumberStyles.Float, CultureInfo.InvariantCulture);
                if (pixel is < 0 or > MaxPixel)
                {
                    throw new InvalidDataException($"{source} line {lineNumber}: pixel {j} is {pixel}, outside 0..{MaxPixel}");
                }

                features.Add(pixel / MaxPixel);
            }

            labels.Add(int.Parse(fields[FeatureCount], NumberStyles.Integer, CultureInfo.InvariantCulture));
        }

        return LabelledSet.Own(features.ToArray(), labels.ToArray(), FeatureCount, ClassCount);
    }
}
