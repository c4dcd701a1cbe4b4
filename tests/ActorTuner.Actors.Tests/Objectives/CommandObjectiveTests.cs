using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Tests.Objectives;

public sealed class CommandObjectiveTests
{
    private static readonly CommandObjectiveSpec Valid = new(
        ["python3", "train.py", "--lr=${lr}"], CommandMode.OneShot, TimeSpan.FromMinutes(5), "", ImmutableDictionary<string, string>.Empty);

    [Fact]
    public void A_worker_can_tell_before_running_whether_the_program_and_folder_exist_here()
    {
        ObjectiveProcess.CannotStart(Valid).ShouldBeNull();
        ObjectiveProcess.CannotStart(Valid with { Command = ["/usr/bin/python3", "-c", "print(1)"] }).ShouldBeNull();
        ObjectiveProcess.CannotStart(Valid with { Command = ["no-such-program-here", "x"] })!.ShouldContain("cannot start 'no-such-program-here'");
        ObjectiveProcess.CannotStart(Valid with { WorkingDirectory = "/no/such/folder" })!.ShouldContain("the working directory '/no/such/folder' does not exist");

        // A program named by a placeholder is only known per trial: not judged in advance.
        ObjectiveProcess.CannotStart(Valid with { Command = ["${program}"] }).ShouldBeNull();
    }

    [Fact]
    public void The_runner_follows_the_mode()
    {
        CommandObjective.CreateRunner(Valid).ShouldBeOfType<OneShotCommandRunner>();
        CommandObjective.CreateRunner(Valid with { Mode = CommandMode.Persistent }, slot: 2).ShouldBeOfType<PersistentCommandRunner>();
    }

    [Fact]
    public void An_empty_command_is_refused_with_an_example()
    {
        Should.Throw<ArgumentException>(() => CommandObjective.CreateRunner(Valid with { Command = [] }))
            .Message.ShouldContain("the objective command is empty");
        Should.Throw<ArgumentException>(() => CommandObjective.Validate(Valid with { Command = default }))
            .Message.ShouldContain("[\"python3\", \"train.py\"");
        Should.Throw<ArgumentException>(() => CommandObjective.Validate(Valid with { Command = ["  ", "x"] }))
            .Message.ShouldContain("program (its first element) is empty");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_timeout_that_is_not_positive_is_refused(int seconds)
    {
        Should.Throw<ArgumentException>(() => CommandObjective.Validate(Valid with { Timeout = TimeSpan.FromSeconds(seconds) }))
            .Message.ShouldContain("timeout must be positive");
    }

    [Fact]
    public void An_infinite_timeout_is_accepted()
    {
        CommandObjective.Validate(Valid with { Timeout = Timeout.InfiniteTimeSpan });
    }

    [Fact]
    public void A_runner_refuses_a_spec_of_the_other_mode()
    {
        Should.Throw<ArgumentException>(() => new OneShotCommandRunner(Valid with { Mode = CommandMode.Persistent }))
            .Message.ShouldContain("CommandObjective.CreateRunner");
        Should.Throw<ArgumentException>(() => new PersistentCommandRunner(Valid));
    }

    [Fact]
    public void A_bad_environment_variable_name_is_refused()
    {
        Should.Throw<ArgumentException>(() => CommandObjective.Validate(
            Valid with { Environment = ImmutableDictionary<string, string>.Empty.Add("A=B", "c") })).Message.ShouldContain("'A=B'");
    }
}
