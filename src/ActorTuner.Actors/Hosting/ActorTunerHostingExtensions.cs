using ActorTuner.Actors.Storage;
using Akka.Hosting;

namespace ActorTuner.Actors.Hosting;

/// <summary>Akka.Hosting support: <c>services.AddAkka("name", b =&gt; b.WithActorTuner(o =&gt; o.Storage = "sqlite:tuning.db"))</c>.</summary>
public static class ActorTunerHostingExtensions
{
    /// <summary>The name of the registry actor, <c>/user/actortuner-studies</c>.</summary>
    public const string RegistryName = "actortuner-studies";

    /// <summary>
    /// Adds ActorTuner to the actor system: its serializer, the journal and snapshot store of
    /// <see cref="ActorTunerOptions.Storage"/> (both prepended, so they win over other HOCON), and a
    /// <see cref="StudyRegistry"/> registered as <see cref="ActorTunerStudies"/> that opens
    /// <see cref="ActorTunerOptions.Studies"/> at start. Resolve it with <c>IRequiredActor&lt;ActorTunerStudies&gt;</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is not valid; the message names it and says what is expected.</exception>
    public static AkkaConfigurationBuilder WithActorTuner(this AkkaConfigurationBuilder builder, Action<ActorTunerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ActorTunerOptions();
        configure?.Invoke(options);
        var storage = ParseStorage(options.Storage);
        var studies = options.Studies.ToList();
        for (var i = 0; i < studies.Count; i++)
        {
            if (StudyRegistry.Problem(studies[i]) is { } problem)
            {
                throw new ArgumentException($"ActorTunerOptions.Studies[{i}]: {problem}");
            }
        }

        if (options.MinBackoff <= TimeSpan.Zero || options.MaxBackoff < options.MinBackoff)
        {
            throw new ArgumentException($"ActorTunerOptions.MinBackoff ({options.MinBackoff}) must be positive and at most MaxBackoff ({options.MaxBackoff})");
        }

        builder.AddHocon(ActorTunerConfig.Serialization.WithFallback(storage.ToConfig()), HoconAddMode.Prepend);
        builder.WithActors((system, registry) =>
        {
            var studiesActor = system.ActorOf(StudyRegistry.Props([.. studies], options.MinBackoff, options.MaxBackoff), RegistryName);
            registry.Register<ActorTunerStudies>(studiesActor);
        });
        return builder;
    }

    private static StorageLocation ParseStorage(string? storage)
    {
        if (string.IsNullOrWhiteSpace(storage))
        {
            throw new ArgumentException("ActorTunerOptions.Storage: must be set, to sqlite:PATH, postgres:CONNECTION_STRING or memory");
        }

        try
        {
            return StorageLocation.Parse(storage);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"ActorTunerOptions.Storage: {e.Message}", e);
        }
    }
}
