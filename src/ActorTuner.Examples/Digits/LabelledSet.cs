using System.Collections.Immutable;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// Rows of features with a class label each: features are one contiguous row-major block of
/// <see cref="Count"/> x <see cref="FeatureCount"/> floats, labels are in 0..<see cref="ClassCount"/>-1.
/// Immutable; the arrays are copied in.
/// </summary>
public sealed class LabelledSet
{
    /// <summary>Creates a set from row-major <paramref name="features"/> and one label per row (both copied).</summary>
    /// <exception cref="ArgumentException">The shapes disagree or a label is outside 0..<paramref name="classCount"/>-1.</exception>
    public LabelledSet(ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int featureCount, int classCount)
        : this(features.ToArray(), labels.ToArray(), featureCount, classCount)
    {
    }

    private LabelledSet(float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"{features.Length} feature values are not {labels.Length} rows of {featureCount}; pass Count x FeatureCount values, row by row",
                nameof(features));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentException($"row {i}: label {labels[i]} is outside 0..{classCount - 1}", nameof(labels));
            }
        }

        X = features;
        Y = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>The number of rows.</summary>
    public int Count => Y.Length;

    /// <summary>Features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes; labels are 0..ClassCount-1.</summary>
    public int ClassCount { get; }

    /// <summary>All features, row-major (Count x FeatureCount).</summary>
    public ReadOnlyMemory<float> Features => X;

    /// <summary>The labels, one per row.</summary>
    public ImmutableArray<int> Labels => ImmutableArray.Create(Y);

    /// <summary>The shared feature block; never written after construction.</summary>
    internal float[] X { get; }

    /// <summary>The shared labels; never written after construction.</summary>
    internal int[] Y { get; }

    /// <summary>The features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => X.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>The label of row <paramref name="row"/>.</summary>
    public int Label(int row) => Y[row];

    /// <summary>How many rows carry each label: element c counts label c.</summary>
    public ImmutableArray<int> ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var y in Y)
        {
            counts[y]++;
        }

        return ImmutableArray.Create(counts);
    }

    /// <summary>The rows <paramref name="rows"/>, in that order.</summary>
    public LabelledSet Select(ReadOnlySpan<int> rows)
    {
        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            Row(rows[i]).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Y[rows[i]];
        }

        return new LabelledSet(features, labels, FeatureCount, ClassCount);
    }

    /// <summary>Wraps arrays the caller gives up; no copy.</summary>
    internal static LabelledSet Own(float[] features, int[] labels, int featureCount, int classCount) =>
        new(features, labels, featureCount, classCount);
}
