using ActorTuner.Benchmarks.Cli;

namespace ActorTuner.Benchmarks.Tests.Cli;

public class CommaListTests
{
    [Fact]
    public void Names_are_trimmed_in_order()
    {
        CommaList.Names(" gp, random ,optuna-tpe", "--samplers").ShouldBe(["gp", "random", "optuna-tpe"]);
    }

    [Fact]
    public void Repeated_or_missing_names_are_rejected()
    {
        Should.Throw<FormatException>(() => CommaList.Names("gp,gp", "--samplers")).Message.ShouldContain("'gp' is listed twice");
        Should.Throw<FormatException>(() => CommaList.Names(" , ", "--samplers")).Message.ShouldContain("--samplers is empty");
    }

    [Fact]
    public void Integers_check_their_minimum()
    {
        CommaList.Integers("2,10,20", "--dims", min: 1).ShouldBe([2, 10, 20]);
        Should.Throw<FormatException>(() => CommaList.Integers("0", "--dims", min: 1)).Message.ShouldContain("--dims: '0'");
        Should.Throw<FormatException>(() => CommaList.Integers("x", "--n")).Message.ShouldContain("--n: 'x'");
    }

    [Fact]
    public void Sampler_options_after_a_colon_stay_with_their_sampler()
    {
        CommaList.Samplers("gp:pending=kb,acq=ucb,random, sobol").ShouldBe(["gp:pending=kb,acq=ucb", "random", "sobol"]);
        CommaList.Samplers("gp,gp:init=5").ShouldBe(["gp", "gp:init=5"]);
        Should.Throw<FormatException>(() => CommaList.Samplers("acq=ucb,gp")).Message.ShouldContain("follows no sampler");
        Should.Throw<FormatException>(() => CommaList.Samplers("random,acq=ucb")).Message.ShouldContain("follows no sampler");
        Should.Throw<FormatException>(() => CommaList.Samplers("random,random")).Message.ShouldContain("listed twice");
    }
}
