using ActorTuner.Actors.Hosting;
using ActorTuner.Actors.Studies;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorTuner.Actors.Tests.Hosting;

/// <summary>A real Microsoft.Extensions.Hosting host with <c>WithActorTuner</c>, and the registry it registered.</summary>
internal sealed class TunerHost : IAsyncDisposable
{
    // Upper bounds for a cold SQLite file on a slow machine, not timing assertions.
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.log-dead-letters-during-shutdown = off
        """);

    private readonly IHost _host;

    private TunerHost(IHost host, IActorRef studies)
    {
        _host = host;
        Studies = studies;
    }

    public IActorRef Studies { get; }

    /// <summary>Builds the host (its actor system is created here, so option errors surface here) and starts it.</summary>
    public static async Task<TunerHost> StartAsync(Action<ActorTunerOptions> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("test", b => b.AddHocon(Quiet, HoconAddMode.Prepend).WithActorTuner(configure));
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            var studies = await host.Services.GetRequiredService<IRequiredActor<ActorTunerStudies>>().GetAsync();
            return new TunerHost(host, studies);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public Task<StudyReply> Open(Actors.Tuning.StudySpec spec) => Studies.Ask<StudyReply>(new OpenStudy(spec), AskTimeout);

    public Task<StudyReply> Send(string study, StudyCommand command) => Studies.Ask<StudyReply>(new ForStudy(study, command), AskTimeout);

    public async Task<StudyState> State(string study) =>
        (await Studies.Ask<GetStudyResult>(new GetStudyByName(study), AskTimeout)).State;

    /// <summary>One worker asks a trial and tells its value until the study says it is done; returns the trials it ran.</summary>
    public async Task<List<TrialAssigned>> RunToBudget(string study, Func<TrialAssigned, double> objective)
    {
        var ran = new List<TrialAssigned>();
        while (true)
        {
            var reply = await Send(study, new RequestTrial("test-worker", DateTimeOffset.UtcNow));
            if (reply is NoTrial { StudyDone: true })
            {
                return ran;
            }

            var trial = reply.ShouldBeOfType<TrialAssigned>();
            ran.Add(trial);
            (await Send(study, new CompleteTrial(trial.Number, trial.Attempt, objective(trial)))).ShouldBe(Accepted.Instance);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
