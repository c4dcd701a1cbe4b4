using System.CommandLine;
using ActorTuner.Benchmarks.Overhead;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>
/// <c>overhead --dims 2,10,20 --n 100,500,1000 --pending 0,8 [--sampler gp] [--repeats 7] [--peer optuna-tpe] --out overhead.jsonl</c>.
/// </summary>
public static class OverheadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dims = new Option<string>("--dims") { Description = "Comma list of dimensions of [0,1]^d", DefaultValueFactory = _ => "2,10,20" };
        var n = new Option<string>("--n") { Description = "Comma list of completed-observation counts", DefaultValueFactory = _ => "100,500,1000" };
        var pending = new Option<string>("--pending") { Description = "Comma list of pending-trial counts", DefaultValueFactory = _ => "0,8" };
        var sampler = new Option<string>("--sampler") { Description = "ActorTuner sampler to time", DefaultValueFactory = _ => "gp" };
        var repeats = new Option<int>("--repeats") { Description = "Timed Suggest calls per cell", DefaultValueFactory = _ => 7 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed warm-up calls per cell, on n-w ... n-1 observations", DefaultValueFactory = _ => 5 };
        var seed = new Option<long>("--seed") { Description = "Seed of the sampler and of the cells' random data", DefaultValueFactory = _ => 0 };
        var peers = new Option<string[]>("--peer")
        {
            Description = "A Python peer to measure on the same grid (optuna-tpe); repeatable",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out") { Description = "The JSONL file to write (one OverheadRecord per line)", Required = true };

        var command = new Command("overhead", "Times one suggestion against the number of observations, dimensions and pending trials")
        {
            dims, n, pending, sampler, repeats, warmup, seed, peers, output,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            try
            {
                var options = new OverheadOptions(
                    CommaList.Integers(parse.GetRequiredValue(dims), "--dims", min: 1),
                    CommaList.Integers(parse.GetRequiredValue(n), "--n"),
                    CommaList.Integers(parse.GetRequiredValue(pending), "--pending"),
                    parse.GetRequiredValue(sampler),
                    parse.GetValue(repeats),
                    parse.GetValue(warmup),
                    parse.GetValue(seed),
                    [.. parse.GetValue(peers) ?? []],
                    parse.GetRequiredValue(output));
                return OverheadBenchmark.Run(options, console);
            }
            catch (FormatException e)
            {
                console.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
