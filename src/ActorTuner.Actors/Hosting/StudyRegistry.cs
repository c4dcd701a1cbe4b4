using System.Collections.Immutable;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Studies;
using ActorTuner.Surrogates;
using Akka.Actor;
using Akka.Event;

namespace ActorTuner.Actors.Hosting;

/// <summary>
/// The studies open on this node, each a child <see cref="StudyActor"/> (persistence id <c>study-{name}</c>)
/// under <see cref="StudyActor.Supervised"/> backoff. It answers <see cref="OpenStudy"/> and forwards
/// <see cref="ForStudy"/> and <see cref="GetStudyByName"/> to the study, so the study replies to the original
/// sender and the registry never waits on a study.
/// </summary>
public sealed class StudyRegistry : ReceiveActor
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(60);
    private readonly ImmutableArray<StudySpec> _atStart;
    private readonly TimeSpan _minBackoff;
    private readonly TimeSpan _maxBackoff;
    private readonly Dictionary<string, IActorRef> _studies = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Creates the registry; it opens <paramref name="atStart"/> when it starts.</summary>
    public StudyRegistry(ImmutableArray<StudySpec> atStart, TimeSpan minBackoff, TimeSpan maxBackoff)
    {
        _atStart = atStart;
        _minBackoff = minBackoff;
        _maxBackoff = maxBackoff;
        Receive<OpenStudy>(Handle);
        Receive<ForStudy>(Handle);
        Receive<GetStudyByName>(Handle);
        Receive<OpenedAtStart>(Handle);
    }

    /// <summary>Props for a registry that opens <paramref name="atStart"/> when it starts.</summary>
    public static Props Props(ImmutableArray<StudySpec> atStart, TimeSpan minBackoff, TimeSpan maxBackoff) =>
        Akka.Actor.Props.Create(() => new StudyRegistry(atStart, minBackoff, maxBackoff));

    /// <summary>What is wrong with <paramref name="spec"/> (settings or sampler), or null when it can be opened.</summary>
    internal static string? Problem(StudySpec? spec)
    {
        if (spec?.Settings is null || spec.Space is null || spec.Sampler is null)
        {
            return "the study spec needs settings, a search space and a sampler";
        }

        try
        {
            spec.Settings.Validate();
            _ = SamplerFactory.Create(spec.Sampler, spec.Settings.Seed);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal);
        }
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        foreach (var spec in _atStart)
        {
            var name = spec.Settings.Name;
            Open(spec).Ask<StudyReply>(Create(spec), OpenTimeout)
                .PipeTo(Self, success: r => new OpenedAtStart(name, r), failure: e => new OpenedAtStart(name, new Rejected($"no answer within {OpenTimeout.TotalSeconds:0} s ({e.Message}): is the storage reachable?")));
        }

        base.PreStart();
    }

    private static CreateStudy Create(StudySpec spec) => new(spec.Settings, spec.Space, spec.Sampler);

    private void Handle(OpenStudy open)
    {
        if (Problem(open.Spec) is { } problem)
        {
            Sender.Tell(new Rejected(problem));
            return;
        }

        Open(open.Spec).Forward(Create(open.Spec));
    }

    private void Handle(ForStudy command)
    {
        if (command.Command is CreateStudy)
        {
            Sender.Tell(new Rejected($"study '{command.Study}': send OpenStudy(spec) to create or resume a study, not CreateStudy"));
            return;
        }

        if (Find(command.Study) is { } study)
        {
            study.Forward(command.Command);
        }
    }

    private void Handle(GetStudyByName query)
    {
        if (Find(query.Study) is { } study)
        {
            study.Forward(GetStudy.Instance);
        }
    }

    private void Handle(OpenedAtStart opened)
    {
        if (opened.Reply is Rejected rejected)
        {
            _log.Error("study {0} (from ActorTunerOptions.Studies) was not opened: {1}", opened.Study, rejected.Why);
        }
    }

    /// <summary>The open study called <paramref name="name"/>, or null after telling the sender it is not open.</summary>
    private IActorRef? Find(string? name)
    {
        if (name is not null && _studies.TryGetValue(name, out var study))
        {
            return study;
        }

        var open = _studies.Count == 0 ? "none" : string.Join(", ", _studies.Keys.Order(StringComparer.Ordinal));
        Sender.Tell(new Rejected($"study '{name}' is not open on this node (open: {open}); send OpenStudy(spec) first or list it in ActorTunerOptions.Studies"));
        return null;
    }

    private IActorRef Open(StudySpec spec)
    {
        var name = spec.Settings.Name;
        if (!_studies.TryGetValue(name, out var study))
        {
            var props = StudyActor.Props(name, StudyActor.JournalledSampler);
            study = Context.ActorOf(StudyActor.Supervised(props, _minBackoff, _maxBackoff), StudyActor.PersistenceIdOf(name));
            _studies.Add(name, study);
        }

        return study;
    }

    /// <summary>The answer to opening a study listed in the options.</summary>
    private sealed record OpenedAtStart(string Study, StudyReply Reply);
}
