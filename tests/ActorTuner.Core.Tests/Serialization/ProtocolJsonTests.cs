using System.Text;
using ActorTuner.Core.Serialization;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Tests.Serialization;

public sealed class ProtocolJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 1, 2, 3, 456, TimeSpan.FromHours(5.5));

    private static readonly SearchSpace Space = SerializationSamples.Space;

    private static readonly StudySettings Settings = new("svm-digits ✓ ünïcode", Direction.Maximize, 60, 4, long.MinValue, 3, TimeSpan.FromMilliseconds(90_500));

    // Every value kind: real, integer, text (unicode, quotes, newline), boolean.
    private static Configuration Config => new([
        new("lr", 0.0123), new("width", 256L), new("big", long.MaxValue), new("optimizer", "sgd"), new("label", "日本語 \"q\"\n🚀"),
        new("flag", true), new("tiny", double.Epsilon), new("neg", -0.0)]);

    private const string Unicode = "节点-α/worker-🚀 \"quoted\"\n\tTraceback";

    public static TheoryData<StudyCommand> Commands => new()
    {
        new AddSuggestion(Config),
        new AddSuggestion(new Configuration([])),
        new RequestTrial("node-a/worker-2", T0),
        new RequestTrial(Unicode, DateTimeOffset.MinValue),
        new RenewLease(0, 1, T0),
        new ReportIntermediate(3, 2, 7, 0.25),
        new ReportIntermediate(3, 2, 8, double.NaN),
        new ReportIntermediate(3, 2, 9, double.NegativeInfinity),
        new CompleteTrial(0, 1, 0.9731),
        new CompleteTrial(1, 2, double.PositiveInfinity),
        new CompleteTrial(1, 2, double.NaN),
        new CompleteTrial(int.MaxValue, int.MaxValue, double.MaxValue),
        new FailTrial(2, 1, Unicode, Retry: false),
        new FailTrial(2, 1, "worker gone", Retry: true),
        new ReleaseTrial(3, 2, "the run was stopped"),
        new ExpireLeases(T0.AddHours(1)),
        new WorkerLost(Unicode),
        new ChangeBudget(80),
    };

    public static TheoryData<StudyReply> Replies => new()
    {
        Accepted.Instance,
        new Stale(4, 1, "attempt 1 of trial 4 is no longer current"),
        new Rejected(Unicode),
        new TrialAssigned(5, 2, Config, T0.AddMinutes(5)),
        new NoTrial(StudyDone: true, NeedsSuggestion: false),
        new NoTrial(StudyDone: false, NeedsSuggestion: true),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_reads_back_equal_under_its_manifest(StudyCommand command)
    {
        var manifest = ProtocolJson.Manifest(command);
        manifest.ShouldStartWith("cmd.");
        ProtocolJson.Read(manifest, ProtocolJson.Write(command)).ShouldBe(command);
    }

    [Theory]
    [MemberData(nameof(Replies))]
    public void Every_reply_reads_back_equal_under_its_manifest(StudyReply reply)
    {
        var manifest = ProtocolJson.Manifest(reply);
        manifest.ShouldStartWith("reply.");
        ProtocolJson.Read(manifest, ProtocolJson.Write(reply)).ShouldBe(reply);
    }

    [Fact]
    public void Accepted_reads_back_as_the_singleton()
    {
        ProtocolJson.Read("reply.accepted.v1", ProtocolJson.Write(Accepted.Instance)).ShouldBeSameAs(Accepted.Instance);
    }

    [Fact]
    public void Create_study_keeps_settings_sampler_and_every_parameter_kind()
    {
        var create = new CreateStudy(Settings, Space, "gp:acq=ucb ✓");
        var back = ProtocolJson.Read(ProtocolJson.Manifest(create), ProtocolJson.Write(create)).ShouldBeOfType<CreateStudy>();
        back.Settings.ShouldBe(Settings);
        back.Sampler.ShouldBe("gp:acq=ucb ✓");
        back.Space.Parameters.ShouldBe(Space.Parameters);
    }

    [Fact]
    public void Values_keep_their_kind_and_times_their_offset()
    {
        var assigned = new TrialAssigned(5, 2, Config, T0);
        var back = (TrialAssigned)ProtocolJson.Read(ProtocolJson.Manifest(assigned), ProtocolJson.Write(assigned));
        back.Configuration["width"].Kind.ShouldBe(ParameterValueKind.Integer);
        back.Configuration["lr"].Kind.ShouldBe(ParameterValueKind.Real);
        back.Configuration["flag"].Kind.ShouldBe(ParameterValueKind.Boolean);
        back.Configuration["big"].AsLong().ShouldBe(long.MaxValue);
        back.LeaseDeadline.Offset.ShouldBe(TimeSpan.FromHours(5.5));
        back.LeaseDeadline.UtcTicks.ShouldBe(T0.UtcTicks);
    }

    [Fact]
    public void Manifests_are_stable_strings_not_type_names()
    {
        ProtocolJson.Manifest(new RequestTrial("w", T0)).ShouldBe("cmd.request-trial.v1");
        ProtocolJson.Manifest(new TrialAssigned(0, 1, Config, T0)).ShouldBe("reply.trial-assigned.v1");
        ProtocolJson.Manifest(Accepted.Instance).ShouldBe("reply.accepted.v1");
        ProtocolJson.KnownManifests.Count().ShouldBe(16);
        ProtocolJson.KnownManifests.ShouldAllBe(m => System.Text.RegularExpressions.Regex.IsMatch(m, "^(cmd|reply)\\.[a-z-]+\\.v1$"));
        ProtocolJson.KnownManifests.ShouldBeUnique();
        ProtocolJson.KnownManifests.Intersect(StudyJson.KnownManifests).ShouldBeEmpty();
    }

    [Fact]
    public void Every_command_and_reply_type_has_a_manifest()
    {
        var types = typeof(StudyCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && (t.IsSubclassOf(typeof(StudyCommand)) || t.IsSubclassOf(typeof(StudyReply))))
            .ToList();
        types.Count.ShouldBe(16);
        var covered = ((IEnumerable<object[]>)Commands).Concat(Replies).Select(row => row[0].GetType()).Append(typeof(CreateStudy)).ToHashSet();
        types.ShouldAllBe(t => covered.Contains(t));
    }

    [Fact]
    public void A_manifest_naming_a_dotnet_type_is_refused_before_the_payload_is_read()
    {
        Tripwire.Created = 0;
        var payload = Encoding.UTF8.GetBytes($$$"""{"$type":"{{{typeof(Tripwire).AssemblyQualifiedName}}}","StartInfo":{"FileName":"sh"}}""");
        foreach (var manifest in new[] { "System.Diagnostics.Process, System", typeof(Tripwire).AssemblyQualifiedName!, typeof(RequestTrial).AssemblyQualifiedName! })
        {
            var e = Should.Throw<FormatException>(() => ProtocolJson.Read(manifest, payload));
            e.Message.ShouldContain($"unknown study protocol manifest '{manifest}'");
            e.Message.ShouldContain("cmd.request-trial.v1");
        }

        Tripwire.Created.ShouldBe(0);
    }

    [Fact]
    public void A_type_hint_inside_a_known_payload_has_no_effect()
    {
        Tripwire.Created = 0;
        var hint = typeof(Tripwire).AssemblyQualifiedName;

        // A payload shaped for the hinted type, not the manifest: refused for the missing field.
        var crafted = Encoding.UTF8.GetBytes($$"""{"$type":"{{hint}}","Armed":true}""");
        Should.Throw<FormatException>(() => ProtocolJson.Read("cmd.request-trial.v1", crafted))
            .Message.ShouldBe("cmd.request-trial.v1: field '/worker': is missing");

        // A hint beside the right fields: the manifest alone decides the type.
        var hinted = Encoding.UTF8.GetBytes($$"""{"$type":"{{hint}}","worker":"w1","now":"2026-11-28T01:02:03+00:00"}""");
        ProtocolJson.Read("cmd.request-trial.v1", hinted).ShouldBe(new RequestTrial("w1", new DateTimeOffset(2026, 11, 28, 1, 2, 3, TimeSpan.Zero)));
        Tripwire.Created.ShouldBe(0);
    }

    [Theory]
    [InlineData("cmd.complete-trial.v1", """{"number":0,"attempt":1}""", "cmd.complete-trial.v1: field '/value': is missing")]
    [InlineData("cmd.complete-trial.v1", """{"number":0,"attempt":1,"value":"NaNa"}""", "cmd.complete-trial.v1: field '/value': expected a number")]
    [InlineData("cmd.fail-trial.v1", """{"number":0,"attempt":1,"reason":"x","retry":"yes"}""", "cmd.fail-trial.v1: field '/retry': expected true or false")]
    [InlineData("cmd.request-trial.v1", """{"worker":"w","now":"tomorrow"}""", "cmd.request-trial.v1: field '/now': expected an ISO 8601 time")]
    [InlineData("cmd.create-study.v1", """{"settings":{},"space":[],"sampler":"gp"}""", "cmd.create-study.v1: field '/settings/direction': is missing")]
    [InlineData("reply.trial-assigned.v1", """{"number":0,"attempt":1,"params":{"x":{"float":1}},"deadline":"2026-11-28T00:00:00Z"}""", "reply.trial-assigned.v1: field '/params/x/value': expected one of real, int, text, bool")]
    [InlineData("reply.no-trial.v1", """[true, false]""", "reply.no-trial.v1: field '/study_done': is missing")]
    [InlineData("reply.stale.v1", """not json""", "reply.stale.v1: the payload is not JSON")]
    public void A_malformed_payload_gets_an_error_naming_the_manifest_and_field(string manifest, string json, string expected)
    {
        Should.Throw<FormatException>(() => ProtocolJson.Read(manifest, Encoding.UTF8.GetBytes(json))).Message.ShouldContain(expected);
    }

    [Fact]
    public void A_message_outside_the_protocol_has_no_manifest()
    {
        Should.Throw<ArgumentException>(() => ProtocolJson.Manifest(new Unknown()));
        Should.Throw<ArgumentException>(() => ProtocolJson.Write(new Unknown()));
    }

    private sealed record Unknown : StudyCommand;

    // Counts instances, to show that no type named in a manifest or a payload was ever created.
    private sealed class Tripwire
    {
        public Tripwire() => Created++;

        public static int Created { get; set; }

        public bool Armed { get; set; }
    }
}
