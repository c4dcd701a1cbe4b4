using System.Text.Json;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Tests.Results;

public class EfficiencyRecordTests
{
    private static readonly EfficiencyRecord Sample = new("hpobench-kc1", "gp", 3, 4, 2, "mean", [0.5, 0.75, 0.75, 0.8], 1.25);

    [Fact]
    public void A_line_has_exactly_the_agreed_fields_and_types()
    {
        var line = JsonLines.Serialize(Sample);

        line.ShouldNotContain("\n");
        using var doc = JsonDocument.Parse(line);
        var fields = doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
        fields.Keys.Order().ShouldBe(["best_trace", "budget", "noise", "parallelism", "sampler", "seconds", "seed", "task"]);
        fields["task"].GetString().ShouldBe("hpobench-kc1");
        fields["sampler"].GetString().ShouldBe("gp");
        fields["seed"].ValueKind.ShouldBe(JsonValueKind.Number);
        fields["seed"].GetInt32().ShouldBe(3);
        fields["budget"].GetInt32().ShouldBe(4);
        fields["parallelism"].GetInt32().ShouldBe(2);
        fields["noise"].GetString().ShouldBe("mean");
        fields["best_trace"].ValueKind.ShouldBe(JsonValueKind.Array);
        fields["best_trace"].EnumerateArray().Select(e => e.GetDouble()).ShouldBe([0.5, 0.75, 0.75, 0.8]);
        fields["seconds"].GetDouble().ShouldBe(1.25);
    }

    [Fact]
    public void A_line_round_trips()
    {
        var back = JsonLines.Deserialize<EfficiencyRecord>(JsonLines.Serialize(Sample), "x.jsonl", 1);

        back.BestTrace.ShouldBe(Sample.BestTrace);
        (back with { BestTrace = Sample.BestTrace }).ShouldBe(Sample);
    }

    [Fact]
    public void A_peer_line_with_a_missing_field_is_rejected_with_file_and_line()
    {
        var e = Should.Throw<InvalidDataException>(() => JsonLines.Deserialize<EfficiencyRecord>(
            """{"task": "t", "sampler": "optuna-tpe", "seed": 0, "budget": 1, "parallelism": 1, "noise": "mean", "seconds": 1}""",
            "peer.jsonl",
            7));

        e.Message.ShouldStartWith("peer.jsonl, line 7");
    }
}
