using System.Text.Json;
using ActorTuner.Cli.Reports;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Cli.Tests.Reports;

public sealed class StudyExportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A study with one trial in every state but pruned: complete, failed, running, queued.</summary>
    private static StudyState Study()
    {
        var space = SearchSpace.Create(new FloatParameter("lr", 1e-4, 1, Log: true), new CategoricalParameter("act", ["relu", "tanh"]));
        var settings = new StudySettings("export-me", Direction.Minimize, 6, 2, 1, 1, TimeSpan.FromMinutes(1));
        var state = StudyState.Empty;
        void Do(StudyCommand c) => state = state.ApplyAll(StudyDecisions.Decide(state, c).Events);
        Do(new CreateStudy(settings, space, "gp"));
        for (var i = 0; i < 4; i++)
        {
            Do(new AddSuggestion(new Configuration([new("lr", 0.001 * (i + 1)), new("act", i % 2 == 0 ? "relu" : "tanh")])));
        }

        Do(new RequestTrial("w", T0));
        Do(new CompleteTrial(0, 1, 0.25));
        Do(new RequestTrial("w", T0));
        Do(new FailTrial(1, 1, "exit code 1, \"quoted\"\nTraceback: boom", Retry: false));
        Do(new RequestTrial("w", T0));
        return state;
    }

    [Fact]
    public void Json_has_the_documented_shape_with_every_trial_and_the_best()
    {
        using var doc = JsonDocument.Parse(StudyExport.Json(Study()));
        var root = doc.RootElement;
        root.GetProperty("study").GetString().ShouldBe("export-me");
        root.GetProperty("direction").GetString().ShouldBe("minimize");
        var trials = root.GetProperty("trials").EnumerateArray().ToList();
        trials.Select(t => t.GetProperty("number").GetInt32()).ShouldBe([0, 1, 2, 3]);
        trials.Select(t => t.GetProperty("state").GetString()).ShouldBe(["complete", "failed", "running", "queued"]);
        trials[0].GetProperty("value").GetDouble().ShouldBe(0.25);
        trials[0].GetProperty("params").GetProperty("lr").GetDouble().ShouldBe(0.001);
        trials[0].GetProperty("params").GetProperty("act").GetString().ShouldBe("relu");
        trials[0].GetProperty("attempts").GetInt32().ShouldBe(1);
        trials[0].GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        trials[1].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        trials[1].GetProperty("error").GetString()!.ShouldContain("Traceback: boom");
        trials[3].GetProperty("attempts").GetInt32().ShouldBe(0);
        var best = root.GetProperty("best");
        best.GetProperty("number").GetInt32().ShouldBe(0);
        best.GetProperty("value").GetDouble().ShouldBe(0.25);
        best.GetProperty("params").GetProperty("act").GetString().ShouldBe("relu");
    }

    [Fact]
    public void Csv_has_one_row_per_trial_with_parameters_as_columns_and_quotes_where_needed()
    {
        var lines = StudyExport.Csv(Study()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("number,state,value,attempts,error,lr,act");
        lines[1].ShouldBe("0,complete,0.25,1,,0.001,relu");
        lines[2].ShouldStartWith("1,failed,,1,\"exit code 1, \"\"quoted\"\"\nTraceback: boom\",0.002,tanh");
        lines.Length.ShouldBe(5); // the header and 4 trials; the error's own line break is inside quotes
    }

    [Fact]
    public void A_study_with_no_completed_trial_has_a_null_best()
    {
        var state = StudyState.Empty;
        var space = SearchSpace.Create(new FloatParameter("x", 0, 1));
        state = state.ApplyAll(StudyDecisions.Decide(state, new CreateStudy(new StudySettings("empty", Direction.Maximize, 3, 1, 0, 1, TimeSpan.FromMinutes(1)), space, "random")).Events);
        using var doc = JsonDocument.Parse(StudyExport.Json(state));
        doc.RootElement.GetProperty("best").ValueKind.ShouldBe(JsonValueKind.Null);
        doc.RootElement.GetProperty("direction").GetString().ShouldBe("maximize");
        doc.RootElement.GetProperty("trials").GetArrayLength().ShouldBe(0);
    }
}
