using ActorTuner.Benchmarks.Cli;
using ActorTuner.Benchmarks.Throughput;

namespace ActorTuner.Benchmarks.Tests.Throughput;

public sealed class ThroughputMarkdownTests
{
    private static readonly ThroughputResult[] Results =
    [
        new("actortuner", "sqlite", 8, 2000, 10),
        new("actortuner", "memory", 8, 2000, 1),
        new("optuna", "sqlite", 1, 2000, 100),
        new("optuna", "sqlite", 8, 2000, 50),
    ];

    [Fact]
    public void Ratios_are_to_single_threaded_optuna_with_sqlite()
    {
        var rows = ThroughputMarkdown.Rows(Results);

        rows.Select(r => r[0]).ShouldBe(["actortuner sqlite", "actortuner memory", "optuna sqlite", "optuna sqlite (8 threads)"]);
        rows.Select(r => r[4]).ShouldBe(["200.0", "2000.0", "20.0", "40.0"]);
        rows.Select(r => r[5]).ShouldBe(["10.0x", "100.0x", "1.0x", "2.0x"]);
    }

    [Fact]
    public void Without_an_optuna_row_there_is_no_ratio()
    {
        ThroughputMarkdown.Rows([Results[0]]).Single()[5].ShouldBe("-");
    }

    [Fact]
    public void The_page_starts_with_the_command_that_reproduces_it_and_has_a_markdown_table()
    {
        var options = ThroughputCommand.Options(2000, 8, "sqlite,memory", "optuna", 0, "docs/throughput.md");

        var page = ThroughputMarkdown.Page(Results, ThroughputCommand.Reproduce(options), "a test machine");

        var lines = page.Split('\n');
        lines[0].ShouldBe("# Trial throughput");
        page.ShouldContain("```\nACTORTUNER_ARTIFACTS=/tmp/art-bench dotnet run -c Release --project tests/ActorTuner.Benchmarks -- throughput --trials 2000 --workers 8 --storages sqlite,memory --peers optuna --seed 0 --out-md docs/throughput.md\n```");
        page.ShouldContain("Machine: a test machine.");
        lines.ShouldContain("| run | workers | trials | seconds | trials/s | vs optuna sqlite |");
        lines.ShouldContain("| --- | ---: | ---: | ---: | ---: | ---: |");
        lines.ShouldContain("| actortuner sqlite | 8 | 2000 | 10.00 | 200.0 | 10.0x |");
    }
}
