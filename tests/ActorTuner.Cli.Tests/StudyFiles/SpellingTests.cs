using ActorTuner.Cli.StudyFiles;

namespace ActorTuner.Cli.Tests.StudyFiles;

public sealed class SpellingTests
{
    private static readonly string[] Keys = ["name", "direction", "trials", "parallelism", "seed", "max-attempts"];

    [Theory]
    [InlineData("paralelism", "parallelism")]
    [InlineData("trails", "trials")]
    [InlineData("Seed", "seed")]
    [InlineData("max_attempts", "max-attempts")]
    [InlineData("drection", "direction")]
    public void Suggests_the_close_key(string typo, string expected) => Spelling.Suggest(typo, Keys).ShouldBe(expected);

    [Theory]
    [InlineData("colour")]
    [InlineData("x")]
    public void Suggests_nothing_for_a_distant_word(string word) => Spelling.Suggest(word, Keys).ShouldBeNull();

    [Fact]
    public void Suggests_nothing_when_every_letter_differs() => Spelling.Suggest("y", ["x"]).ShouldBeNull();

    [Fact]
    public void Lists_read_as_prose()
    {
        Spelling.List(["a"]).ShouldBe("a");
        Spelling.List(["a", "b", "c"]).ShouldBe("a, b or c");
    }
}
