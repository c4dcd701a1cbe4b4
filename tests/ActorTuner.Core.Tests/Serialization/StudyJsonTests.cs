using System.Text;
using ActorTuner.Core.Serialization;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Tests.Serialization;

public sealed class StudyJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 2, 3, TimeSpan.Zero);

    private static readonly SearchSpace Space = SerializationSamples.Space;

    private static readonly StudySettings Settings = new("svm-digits", Direction.Maximize, 60, 4, -7, 3, TimeSpan.FromSeconds(90));

    private static Configuration Config => new([new("lr", 0.0123), new("dropout", 0.3), new("width", 256L), new("layers", 5L), new("optimizer", "sgd"), new("momentum", 0.9), new("batch", 64.5)]);

    public static TheoryData<StudyEvent> Events => new()
    {
        new TrialSuggested(0, Config),
        new TrialDispatched(0, 1, "node-a/worker-2", T0),
        new LeaseRenewed(0, 1, T0.AddMinutes(1)),
        new TrialReported(0, 1, 3, 0.25),
        new TrialCompleted(0, 1, 0.9731),
        new TrialCompleted(1, 2, double.PositiveInfinity),
        new TrialFailed(2, 1, "exit code 1\nTraceback (most recent call last): \"quoted\""),
        new TrialRequeued(3, 2, "lease expired"),
        new TrialReleased(3, 3, "the run was stopped"),
        new BudgetChanged(80),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Every_event_reads_back_equal_under_its_manifest(StudyEvent e)
    {
        var manifest = StudyJson.Manifest(e);
        StudyJson.Read(manifest, StudyJson.Write(e)).ShouldBe(e);
    }

    [Fact]
    public void Study_created_keeps_settings_sampler_and_every_parameter_kind()
    {
        var created = new StudyCreated(Settings, Space, "gp:acq=ucb");
        var back = StudyJson.Read(StudyJson.Manifest(created), StudyJson.Write(created)).ShouldBeOfType<StudyCreated>();
        back.Settings.ShouldBe(Settings);
        back.Sampler.ShouldBe("gp:acq=ucb");
        back.Space.Parameters.ShouldBe(Space.Parameters);
        back.Space.Contains(Config).ShouldBeTrue();
    }

    [Fact]
    public void Integer_and_real_values_keep_their_kind()
    {
        var suggested = new TrialSuggested(0, Config);
        var back = (TrialSuggested)StudyJson.Read(StudyJson.Manifest(suggested), StudyJson.Write(suggested));
        back.Configuration["width"].Kind.ShouldBe(ParameterValueKind.Integer);
        back.Configuration["batch"].Kind.ShouldBe(ParameterValueKind.Real);
        back.Configuration.ShouldBe(Config);
    }

    [Fact]
    public void Manifests_are_stable_strings_not_type_names()
    {
        StudyJson.Manifest(new BudgetChanged(1)).ShouldBe("budget-changed.v1");
        StudyJson.KnownManifests.ShouldAllBe(m => !m.Contains('.', StringComparison.Ordinal) || m.EndsWith(".v1", StringComparison.Ordinal));
        StudyJson.KnownManifests.Count().ShouldBe(11);
    }

    [Fact]
    public void A_manifest_naming_a_dotnet_type_is_refused_without_loading_it()
    {
        var payload = Encoding.UTF8.GetBytes("""{"$type":"System.Diagnostics.Process, System.Diagnostics.Process","StartInfo":{"FileName":"sh"}}""");
        var e = Should.Throw<FormatException>(() => StudyJson.Read("System.Diagnostics.Process, System.Diagnostics.Process", payload));
        e.Message.ShouldContain("unknown study event manifest");
        e.Message.ShouldContain("trial-completed.v1");
    }

    [Fact]
    public void Type_hints_inside_a_known_payload_are_ignored()
    {
        var payload = Encoding.UTF8.GetBytes("""{"$type":"System.IO.FileInfo, System.IO","budget":12}""");
        StudyJson.Read("budget-changed.v1", payload).ShouldBe(new BudgetChanged(12));
    }

    [Theory]
    [InlineData("trial-completed.v1", """{"number":0,"attempt":1}""", "field '/value': is missing")]
    [InlineData("trial-completed.v1", """{"number":"zero","attempt":1,"value":1}""", "field '/number': expected a 32-bit integer")]
    [InlineData("trial-dispatched.v1", """{"number":0,"attempt":1,"worker":"w","deadline":"yesterday"}""", "field '/deadline': expected an ISO 8601 time")]
    [InlineData("trial-suggested.v1", """{"number":0,"params":{"lr":{"float":1}}}""", "field '/params/lr/value': expected one of real, int, text, bool")]
    [InlineData("budget-changed.v1", """not json""", "budget-changed.v1: the payload is not JSON")]
    public void A_malformed_payload_gets_an_error_naming_the_manifest_and_field(string manifest, string json, string expected)
    {
        Should.Throw<FormatException>(() => StudyJson.Read(manifest, Encoding.UTF8.GetBytes(json))).Message.ShouldContain(expected);
    }

    [Fact]
    public void A_journal_written_and_read_back_replays_to_the_same_study()
    {
        var state = StudyState.Empty;
        var journal = new List<StudyEvent>();
        void Do(StudyCommand c)
        {
            var d = StudyDecisions.Decide(state, c);
            journal.AddRange(d.Events);
            state = state.ApplyAll(d.Events);
        }

        Do(new CreateStudy(Settings, Space, "gp"));
        Do(new AddSuggestion(Config));
        Do(new RequestTrial("w1", T0));
        Do(new ReportIntermediate(0, 1, 1, 0.5));
        Do(new ExpireLeases(T0.AddHours(1)));
        Do(new RequestTrial("w2", T0.AddHours(1)));
        Do(new CompleteTrial(0, 2, 0.97));

        var stored = journal.Select(e => (StudyJson.Manifest(e), StudyJson.Write(e))).ToList();
        var replayed = StudyState.Empty.ApplyAll(stored.Select(s => StudyJson.Read(s.Item1, s.Item2)));
        replayed.Trials.ShouldBe(state.Trials);
        replayed.Budget.ShouldBe(state.Budget);
        replayed.Best!.Value.ShouldBe(0.97);
    }

    [Fact]
    public void A_snapshot_of_the_state_reads_back_to_the_same_study()
    {
        var state = StudyState.Empty;
        void Do(StudyCommand c) => state = state.ApplyAll(StudyDecisions.Decide(state, c).Events);

        Do(new CreateStudy(Settings, Space, "gp:acq=ucb"));
        Do(new AddSuggestion(Config));
        Do(new AddSuggestion(new Configuration([new("lr", 0.02), new("dropout", 0.1), new("width", 32L), new("layers", 3L), new("optimizer", "adam"), new("batch", 16)])));
        Do(new RequestTrial("w1", T0));
        Do(new ReportIntermediate(0, 1, 1, 0.5));
        Do(new ReleaseTrial(0, 1, "stopped"));
        Do(new RequestTrial("w2", T0));
        Do(new ReportIntermediate(0, 2, 4, double.PositiveInfinity));
        Do(new RequestTrial("w3", T0));
        Do(new FailTrial(1, 1, "exit code 2", Retry: false));
        Do(new ChangeBudget(9));

        var back = StudyJson.ReadState(StudyJson.WriteState(state));
        back.Settings.ShouldBe(state.Settings);
        back.Space!.Parameters.ShouldBe(state.Space!.Parameters);
        back.Sampler.ShouldBe("gp:acq=ucb");
        back.Budget.ShouldBe(9);
        back.Trials.ShouldBe(state.Trials);
        back.FinishOrder.ShouldBe(state.FinishOrder);
        back.Trials[0].Released.ShouldBe(1);
        back.Trials[0].Worker.ShouldBe("w2");

        // The restored state goes on exactly like the original.
        var next = new CompleteTrial(0, 2, 0.3);
        back.ApplyAll(StudyDecisions.Decide(back, next).Events).Trials.ShouldBe(state.ApplyAll(StudyDecisions.Decide(state, next).Events).Trials);
    }

    [Fact]
    public void A_malformed_snapshot_names_the_field()
    {
        Should.Throw<FormatException>(() => StudyJson.ReadState(Encoding.UTF8.GetBytes("{\"settings\": {}}")))
            .Message.ShouldContain("study-state.v1");
    }
}
