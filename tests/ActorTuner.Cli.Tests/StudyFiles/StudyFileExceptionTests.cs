using ActorTuner.Cli.StudyFiles;

namespace ActorTuner.Cli.Tests.StudyFiles;

/// <summary>Every error names the file, the line and the key, and says what is expected.</summary>
public sealed class StudyFileExceptionTests
{
    private static StudyFileException Fails(string text)
    {
        var error = Should.Throw<StudyFileException>(() => StudyFile.Parse(text, "svm.conf"));
        error.File.ShouldBe("svm.conf");
        error.Message.ShouldStartWith($"svm.conf:{error.Line}");
        return error;
    }

    private static string Study(string body, string space = "x { type = categorical, choices = [a, b] }") =>
        $"study {{\n  name = s\n  direction = minimize\n  trials = 10\n  space {{\n    {space}\n  }}\n{body}\n}}\n";

    [Fact]
    public void Low_above_high_names_the_parameter_and_both_bounds()
    {
        var error = Fails(Study(string.Empty, "gamma { type = float, low = 2, high = 1 }"));

        error.Message.ShouldBe("svm.conf:6: study.space.gamma: 'low' (2) must be below 'high' (1)");
        error.Key.ShouldBe("study.space.gamma");
        error.Line.ShouldBe(6);
    }

    [Fact]
    public void A_word_for_a_number_is_quoted_back()
    {
        var error = Fails("study {\n  name = s\n  direction = minimize\n  trials = sixty\n}");

        error.Message.ShouldBe("svm.conf:4: study.trials: expected a positive whole number, got \"sixty\"");
        error.Key.ShouldBe("study.trials");
    }

    [Theory]
    [InlineData("trials = 0")]
    [InlineData("trials = 2.5")]
    [InlineData("trials = -1")]
    [InlineData("trials = [1]")]
    public void Trials_must_be_a_positive_whole_number(string line)
    {
        var error = Fails($"study {{\n  name = s\n  direction = minimize\n  {line}\n}}");

        error.Line.ShouldBe(4);
        error.Key.ShouldBe("study.trials");
        error.Problem.ShouldContain("expected a positive whole number");
    }

    [Fact]
    public void A_misspelt_key_gets_a_suggestion()
    {
        var error = Fails(Study("  paralelism = 4"));

        error.Message.ShouldBe("svm.conf:8: study.paralelism: unknown key; did you mean 'parallelism'?");
    }

    [Fact]
    public void An_unknown_key_far_from_any_lists_the_known_ones()
    {
        var error = Fails(Study("  colour = blue"));

        error.Message.ShouldStartWith("svm.conf:8: study.colour: unknown key; expected one of name, direction, trials");
    }

    [Fact]
    public void An_unknown_parameter_type_lists_the_valid_ones()
    {
        var error = Fails(Study(string.Empty, "C { type = flaot, low = 1, high = 2 }"));

        error.Message.ShouldBe(
            "svm.conf:6: study.space.C.type: unknown parameter type \"flaot\"; expected float, int, categorical or ordinal; did you mean 'float'?");
    }

    [Fact]
    public void A_condition_on_an_unknown_parameter_names_the_condition()
    {
        var error = Fails(Study(string.Empty, "kernel { type = categorical, choices = [rbf, poly] }\n    degree { type = int, low = 2, high = 5, when { kernal = [poly] } }"));

        error.Message.ShouldBe("svm.conf:7: study.space.degree.when.kernal: 'kernal' is not a parameter of this space; did you mean 'kernel'?");
    }

    [Fact]
    public void A_condition_value_the_parent_lacks_is_mapped_to_the_condition_line()
    {
        var error = Fails(Study(string.Empty, "kernel { type = categorical, choices = [rbf, poly] }\n    degree {\n      type = int, low = 2, high = 5\n      when { kernel = [linear] }\n    }"));

        error.Line.ShouldBe(9);
        error.Key.ShouldBe("study.space.degree.when");
        error.Problem.ShouldContain("'kernel' = linear");
    }

    [Fact]
    public void A_condition_on_a_float_is_mapped_to_the_condition_line()
    {
        var error = Fails(Study(string.Empty, "a { type = float, low = 0, high = 1 }\n    b { type = float, low = 0, high = 1, when { a = [0.5] } }"));

        error.Line.ShouldBe(7);
        error.Key.ShouldBe("study.space.b.when");
        error.Problem.ShouldContain("must be categorical or ordinal");
    }

    [Fact]
    public void Empty_choices_say_what_to_give()
    {
        var error = Fails(Study(string.Empty, "kernel { type = categorical, choices = [] }"));

        error.Message.ShouldBe("svm.conf:6: study.space.kernel.choices: the list is empty; give at least one choice");
    }

    [Fact]
    public void Repeated_choices_are_mapped_to_the_choices_line()
    {
        var error = Fails(Study(string.Empty, "kernel {\n      type = categorical\n      choices = [rbf, rbf]\n    }"));

        error.Message.ShouldBe("svm.conf:8: study.space.kernel: choices lists rbf twice");
    }

    [Fact]
    public void A_missing_required_key_names_the_enclosing_objects_line()
    {
        var error = Fails("# a comment\nstudy {\n  name = s\n  direction = minimize\n  space { x { type = float, low = 0, high = 1 } }\n}");

        error.Message.ShouldBe("svm.conf:2: study.trials: required key is missing; expected a positive whole number (the budget of finished trials)");
    }

    [Theory]
    [InlineData("x { low = 0, high = 1 }", "study.space.x.type")]
    [InlineData("x { type = float, high = 1 }", "study.space.x.low")]
    [InlineData("x { type = ordinal }", "study.space.x.values")]
    public void A_parameter_missing_a_key_names_it(string parameter, string key)
    {
        var error = Fails(Study(string.Empty, parameter));

        error.Line.ShouldBe(6);
        error.Key.ShouldBe(key);
        error.Problem.ShouldStartWith("required key is missing; expected");
    }

    [Fact]
    public void A_missing_study_object_is_reported_at_the_top()
    {
        Fails("studdy { }").Message.ShouldBe("svm.conf:1: studdy: unknown key; did you mean 'study'?");
        Fails("# nothing").Message.ShouldStartWith("svm.conf:1: study: required key is missing");
    }

    [Fact]
    public void An_empty_space_is_reported_at_the_space()
    {
        Fails(Study(string.Empty, string.Empty)).Message.ShouldStartWith("svm.conf:5: study.space: the search space has no parameters");
    }

    [Theory]
    [InlineData("x { type = float, low = 0, high = 1, log = true }", 6, "a log scale needs low > 0")]
    [InlineData("x { type = float, low = 0, high = 1, step = 0.3 }", 6, "step (0.3) does not divide")]
    [InlineData("x { type = int, low = 1, high = 4, step = 2 }", 6, "step (2) does not divide")]
    [InlineData("x { type = float, low = 0, high = 1, log = maybe }", 6, "expected true or false, got \"maybe\"")]
    [InlineData("x { type = int, low = 0.5, high = 3 }", 6, "expected a whole number, got \"0.5\"")]
    [InlineData("x { type = float, low = NaN, high = 3 }", 6, "expected a number, got \"NaN\"")]
    [InlineData("x { type = categorical, values = [a] }", 6, "unknown key")]
    [InlineData("x { type = categorical, choices = [a, {b = 1}] }", 6, "expected a choice (a string, number or boolean), got an object")]
    [InlineData("x = 3", 6, "expected a parameter like { type = float, low = 0, high = 1 }, got \"3\"")]
    public void Parameter_problems_name_the_parameter(string parameter, int line, string problem)
    {
        var error = Fails(Study(string.Empty, parameter));

        error.Line.ShouldBe(line);
        error.Key.ShouldStartWith("study.space.x");
        error.Problem.ShouldContain(problem);
    }

    [Theory]
    [InlineData("direction = up", "study.direction", "unknown direction \"up\"; expected minimize or maximize")]
    [InlineData("lease = soon", "study.lease", "expected a duration like 30s")]
    [InlineData("lease = 0s", "study.lease", "expected a duration like 30s")]
    [InlineData("max-attempts = 0", "study.max-attempts", "expected a positive whole number")]
    [InlineData("seed = 1.5", "study.seed", "expected a whole number")]
    [InlineData("name = \"\"", "study.name", "expected a name")]
    [InlineData("sampler = bayes", "study.sampler", "expected gp, grid, random or sobol")]
    [InlineData("sampler { type = random, acq = ucb }", "study.sampler.acq", "the random sampler takes no options")]
    [InlineData("sampler { acq = eii }", "study.sampler.acq", "gp option acq=eii: expected logei, ucb or ts")]
    [InlineData("sampler { acqq = ucb }", "study.sampler.acqq", "unknown key; did you mean 'acq'?")]
    [InlineData("sampler { beta = high }", "study.sampler.beta", "expected a number, got \"high\"")]
    [InlineData("sampler { init = 0 }", "study.sampler.init", "expected a positive whole number")]
    [InlineData("objective { mode = one-shot }", "study.objective.command", "required key is missing")]
    [InlineData("objective { command = python3 }", "study.objective.command", "expected the program and its arguments as a list")]
    [InlineData("objective { command = [] }", "study.objective.command", "got an empty list")]
    [InlineData("objective { command = [run, \"${y}\"] }", "study.objective.command", "'${y}' names no parameter; expected one of x")]
    [InlineData("objective { command = [run], mode = oneshot }", "study.objective.mode", "did you mean 'one-shot'?")]
    [InlineData("objective { command = [run], timeout = 10 minutes please }", "study.objective.timeout", "expected a duration")]
    [InlineData("objective { command = [run], env { A { B = 1 } } }", "study.objective.env.A", "expected a string")]
    [InlineData("objective { command = [run], cwd = . }", "study.objective.cwd", "unknown key")]
    public void Study_problems_name_the_key(string line, string key, string problem)
    {
        var error = Fails(Study("  " + line));

        error.Line.ShouldBe(8);
        error.Key.ShouldBe(key);
        error.Problem.ShouldContain(problem);
        error.Message.ShouldBe($"svm.conf:8: {key}: {error.Problem}");
    }

    [Fact]
    public void A_placeholder_typo_gets_a_suggestion()
    {
        var error = Fails(Study("  objective {\n    command = [\n      run,\n      \"--gamma=${gama}\"\n    ]\n  }", "gamma { type = float, low = 0, high = 1 }"));

        error.Message.ShouldBe("svm.conf:11: study.objective.command: '${gama}' names no parameter; did you mean 'gamma'?");
    }
}
