using System.CommandLine;
using ActorTuner.Benchmarks.Efficiency;
using ActorTuner.Benchmarks.Tasks;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>
/// <c>efficiency --task TASK [--task TASK ...] --samplers gp,random --seeds 0-9 --budget 100 [--parallelism 8]
/// [--noise mean|seed] [--jobs J] --out results.jsonl</c>.
/// </summary>
public static class EfficiencyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var task = new Option<string[]>("--task")
        {
            Description = "A tabular manifest NAME.json (NAME.csv.gz beside it) or a synthetic function (branin, hartmann6, ackley10, levy4, hartmann6-int, hartmann6-cat, NAME-noise0.1); repeatable",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var samplers = new Option<string>("--samplers")
        {
            Description = "Comma list of samplers: ActorTuner's (gp, random, sobol, grid) and Python peers (optuna-tpe, optuna-tpe-mv, optuna-cmaes, optuna-random)",
            Required = true,
        };
        var seeds = new Option<string>("--seeds")
        {
            Description = "Run seeds: 0-9, 3 or 0,2,5",
            DefaultValueFactory = _ => "0-9",
        };
        var budget = new Option<int>("--budget")
        {
            Description = "Finished trials per run",
            DefaultValueFactory = _ => 100,
        };
        var parallelism = new Option<int>("--parallelism")
        {
            Description = "Simulated asynchronous workers (1: the sequential loop)",
            DefaultValueFactory = _ => 1,
        };
        var noise = new Option<string>("--noise")
        {
            Description = "Tabular tasks: the sampler observes the seed mean (mean) or one random seed column (seed)",
            DefaultValueFactory = _ => "mean",
        };
        noise.AcceptOnlyFromAmong("mean", "seed");
        var jobs = new Option<int>("--jobs")
        {
            Description = "Independent runs executed at once",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var output = new Option<string>("--out")
        {
            Description = "The JSONL file to write (one EfficiencyRecord per line)",
            Required = true,
        };

        var command = new Command("efficiency", "Runs samplers on tabular and synthetic tasks and writes the best-so-far trace of every run")
        {
            task, samplers, seeds, budget, parallelism, noise, jobs, output,
        };
        command.SetAction(parse =>
        {
            var console = parse.InvocationConfiguration.Output;
            try
            {
                var options = new EfficiencyOptions(
                    [.. parse.GetRequiredValue(task)],
                    CommaList.Samplers(parse.GetRequiredValue(samplers)),
                    SeedSpec.Parse(parse.GetRequiredValue(seeds)),
                    parse.GetValue(budget),
                    parse.GetValue(parallelism),
                    parse.GetRequiredValue(noise) == "seed" ? NoiseMode.Seed : NoiseMode.Mean,
                    parse.GetRequiredValue(output),
                    parse.GetValue(jobs));
                return EfficiencyBenchmark.Run(options, console);
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
