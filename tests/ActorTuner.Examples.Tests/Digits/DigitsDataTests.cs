using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Digits;

public class DigitsDataTests
{
    // Rows per digit 0..9 in scikit-learn's digits.csv.gz.
    private static readonly int[] ClassCounts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

    [Fact]
    public void All_rows_load_with_64_features_in_the_unit_interval_and_ten_classes()
    {
        var all = DigitsData.LoadAll();

        all.Count.ShouldBe(1797);
        all.FeatureCount.ShouldBe(64);
        all.ClassCount.ShouldBe(10);
        all.Features.Length.ShouldBe(1797 * 64);
        var features = all.Features.Span;
        foreach (var x in features)
        {
            x.ShouldBeInRange(0f, 1f);
        }

        features.ToArray().Max().ShouldBe(1f);
        all.ClassCounts().ShouldBe(ClassCounts);
    }

    [Fact]
    public void First_row_is_the_zero_from_the_file_scaled_by_16()
    {
        var all = DigitsData.LoadAll();

        all.Label(0).ShouldBe(0);
        all.Row(0)[2].ShouldBe(5f / 16);
        all.Row(0)[3].ShouldBe(13f / 16);
    }

    [Fact]
    public void Split_is_60_20_20_per_class()
    {
        var split = DigitsData.Load();

        split.Train.Count.ShouldBe(1078);
        split.Validation.Count.ShouldBe(359);
        split.Test.Count.ShouldBe(360);
        for (var c = 0; c < 10; c++)
        {
            split.Train.ClassCounts()[c].ShouldBe((int)Math.Round(0.6 * ClassCounts[c], MidpointRounding.AwayFromZero));
            split.Validation.ClassCounts()[c].ShouldBe((int)Math.Round(0.2 * ClassCounts[c], MidpointRounding.AwayFromZero));
            (split.Train.ClassCounts()[c] + split.Validation.ClassCounts()[c] + split.Test.ClassCounts()[c]).ShouldBe(ClassCounts[c]);
            ((double)split.Test.ClassCounts()[c]).ShouldBe(0.2 * ClassCounts[c], 1.0);
        }
    }

    [Fact]
    public void Split_partitions_the_rows()
    {
        var split = DigitsData.Load();

        var parts = Keys(split.Train).Concat(Keys(split.Validation)).Concat(Keys(split.Test)).Order();

        parts.ShouldBe(Keys(DigitsData.LoadAll()).Order());
    }

    [Fact]
    public void Split_is_fixed_by_its_seed()
    {
        var all = DigitsData.LoadAll();

        var once = DigitsData.Split(all, 7);
        var again = DigitsData.Split(all, 7);
        var other = DigitsData.Split(all, 8);

        Keys(again.Train).ShouldBe(Keys(once.Train));
        Keys(again.Validation).ShouldBe(Keys(once.Validation));
        Keys(other.Train).ShouldNotBe(Keys(once.Train));
        Keys(DigitsData.Load(DigitsData.DefaultSplitSeed).Test).ShouldBe(Keys(DigitsData.Split(all, DigitsData.DefaultSplitSeed).Test));
    }

    private static List<string> Keys(LabelledSet set) =>
        Enumerable.Range(0, set.Count).Select(i => $"{set.Label(i)}:{string.Join(',', set.Row(i).ToArray())}").ToList();
}
