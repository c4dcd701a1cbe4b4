using ActorTuner.Benchmarks.Cli;

namespace ActorTuner.Benchmarks.Tests.Cli;

public sealed class ThroughputCommandTests
{
    [Fact]
    public void Options_read_comma_lists_and_none_for_no_peers()
    {
        var options = ThroughputCommand.Options(500, 4, "sqlite, postgres", "none", 3, null);

        options.Trials.ShouldBe(500);
        options.Workers.ShouldBe(4);
        options.Storages.ShouldBe(["sqlite", "postgres"]);
        options.Peers.ShouldBeEmpty();
        options.Seed.ShouldBe(3);
        ThroughputCommand.Reproduce(options).ShouldEndWith("-- throughput --trials 500 --workers 4 --storages sqlite,postgres --peers none --seed 3");
    }

    [Theory]
    [InlineData(0, 8, "sqlite", "optuna", "--trials")]
    [InlineData(10, 0, "sqlite", "optuna", "--workers")]
    [InlineData(10, 8, "sqlite,mysql", "optuna", "--storages: unknown storage 'mysql'")]
    [InlineData(10, 8, "sqlite", "hyperopt", "--peers: unknown peer 'hyperopt'")]
    public void Bad_options_are_named(int trials, int workers, string storages, string peers, string message)
    {
        Should.Throw<FormatException>(() => ThroughputCommand.Options(trials, workers, storages, peers, 0, null)).Message.ShouldContain(message);
    }

    [Fact]
    public void A_bad_option_exits_2_before_measuring_anything()
    {
        var output = new StringWriter();

        var code = Program.BuildRootCommand().Parse(["throughput", "--storages", "oracle"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        code.ShouldBe(2);
        output.ToString().ShouldContain("unknown storage 'oracle'");
    }
}
