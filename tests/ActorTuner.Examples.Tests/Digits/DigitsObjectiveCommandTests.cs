using System.Globalization;
using System.Text.Json;
using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Digits;

public class DigitsObjectiveCommandTests
{
    private const string QuickParams = """{"lr": 0.003, "batch": 64, "width": 32, "depth": 1, "dropout": 0.1, "decay": 0.0001, "epochs": 2}""";

    [Fact]
    public void One_shot_prints_a_step_line_per_epoch_then_the_value()
    {
        var (code, lines, _) = Run([], string.Empty, QuickParams);

        code.ShouldBe(0);
        lines.Length.ShouldBe(3);
        var steps = lines[..2].Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        steps.Select(s => s.GetProperty("step").GetInt32()).ShouldBe([1, 2]);
        double.Parse(lines[2], CultureInfo.InvariantCulture).ShouldBe(steps[1].GetProperty("value").GetDouble());
    }

    [Fact]
    public void One_shot_without_parameters_is_a_usage_error_and_with_bad_ones_a_failed_trial()
    {
        var (missing, missingOut, missingError) = Run([], string.Empty, null);
        missing.ShouldBe(DigitsObjectiveCommand.UsageError);
        missingOut.ShouldBeEmpty();
        missingError.ShouldContain("ACTORTUNER_PARAMS");

        var (bad, badOut, badError) = Run([], string.Empty, QuickParams.Replace("\"dropout\": 0.1", "\"dropout\": 1.5"));
        bad.ShouldBe(DigitsObjectiveCommand.TrialFailed);
        badOut.ShouldBeEmpty();
        badError.ShouldContain("Dropout is 1.5");

        Run([], string.Empty, "[1, 2]").Code.ShouldBe(DigitsObjectiveCommand.TrialFailed);
        Run(["--nonsense"], string.Empty, QuickParams).Code.ShouldBe(DigitsObjectiveCommand.UsageError);
    }

    [Fact]
    public void Persistent_answers_each_request_line_until_end_of_input()
    {
        var input = string.Join('\n',
            $$"""{"trial": 1, "params": {{QuickParams}}}""",
            string.Empty,
            """{"trial": 2, "params": {"lr": 0.003}}""",
            "not json",
            $$"""{"trial": 3, "params": {{QuickParams.Replace("\"batch\": 64", "\"batch\": \"32\"")}}}""");

        var (code, lines, _) = Run(["--persistent"], input, null);

        code.ShouldBe(0);
        var answers = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        answers.Length.ShouldBe(8);
        answers[0].GetProperty("trial").GetInt32().ShouldBe(1);
        answers[..2].Select(a => a.GetProperty("step").GetInt32()).ShouldBe([1, 2]);
        answers[2].GetProperty("value").GetDouble().ShouldBe(answers[1].GetProperty("value").GetDouble());
        answers[2].TryGetProperty("step", out _).ShouldBeFalse();
        answers[3].GetProperty("trial").GetInt32().ShouldBe(2);
        answers[3].GetProperty("error").GetString()!.ShouldContain("'batch'");
        answers[4].GetProperty("trial").ValueKind.ShouldBe(JsonValueKind.Null);
        answers[4].TryGetProperty("error", out _).ShouldBeTrue();
        answers[5..].Select(a => a.GetProperty("trial").GetInt32()).ShouldBe([3, 3, 3]);
        answers[7].GetProperty("value").GetDouble().ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Persistent_and_one_shot_agree_on_the_value()
    {
        var (_, oneShot, _) = Run([], string.Empty, QuickParams);
        var (_, persistent, _) = Run(["--persistent"], $$"""{"trial": 0, "params": {{QuickParams}}}""", null);

        JsonDocument.Parse(persistent[^1]).RootElement.GetProperty("value").GetDouble()
            .ShouldBe(double.Parse(oneShot[^1], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_exe_dispatches_digits_objective_and_prints_usage_otherwise()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            Program.Main(["no-such-command"]).ShouldBe(DigitsObjectiveCommand.UsageError);
        }
        finally
        {
            Console.SetError(previous);
        }

        error.ToString().ShouldContain("digits-objective --persistent");
    }

    private static (int Code, string[] Lines, string Error) Run(string[] options, string input, string? parameters)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DigitsObjectiveCommand.Run(
            options,
            new StringReader(input),
            output,
            error,
            name => name == DigitsObjectiveCommand.ParametersVariable ? parameters : null,
            CancellationToken.None);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (code, lines, error.ToString());
    }
}
