using System.Globalization;
using System.Text.RegularExpressions;
using System.Text;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// Runs an external command once per trial (<see cref="CommandMode.OneShot"/>).
/// </summary>
/// <remarks>
/// <para>
/// The program is started directly, never through a shell, with the spec's arguments after every
/// <c>${name}</c> in them is replaced by <see cref="Trial.Format"/> of the trial's value of <c>name</c>; a
/// value with spaces or shell characters arrives as one literal argument. A placeholder the trial has no value
/// for fails the trial, naming the placeholder: this includes a conditional parameter whose condition does not
/// hold, because an empty argument would silently change what the command means (write such a command to read
/// <c>ACTORTUNER_PARAMS</c> instead, where an inactive parameter is simply absent).
/// </para>
/// <para>
/// The environment is the spec's plus <c>ACTORTUNER_PARAMS</c> (<see cref="Trial.ParametersJson()"/>),
/// <c>ACTORTUNER_TRIAL</c> (the trial number) and <c>ACTORTUNER_ATTEMPT</c>; <c>PYTHONUNBUFFERED=1</c> is set
/// unless the spec sets it, so that a Python objective's reports arrive as they are printed. Stdin is closed.
/// </para>
/// <para>
/// Stdout is read line by line as it comes. A line <c>{"step": k, "value": v}</c> is an intermediate report
/// (<see cref="Trial.Report"/>). The result is the last non-empty line: a number in the invariant culture
/// (<c>0.123</c>, <c>1e-3</c>) or a JSON object <c>{"value": 0.123}</c>. The trial fails, with the tail of
/// stderr, when the program cannot start, exits with a non-zero code or by a signal, runs past the timeout
/// (the whole process tree is killed), prints no result or a line that is not one, or returns NaN or an
/// infinite value (<c>nan</c> and <c>inf</c> as Python prints them count as such).
/// </para>
/// </remarks>
public sealed partial class OneShotCommandRunner : IObjectiveRunner
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);
    private readonly CommandObjectiveSpec _spec;

    /// <summary>Creates a runner for <paramref name="spec"/>, whose mode must be <see cref="CommandMode.OneShot"/>.</summary>
    /// <exception cref="ArgumentException">The spec is not valid (see <see cref="CommandObjective.Validate"/>) or not one-shot.</exception>
    public OneShotCommandRunner(CommandObjectiveSpec spec)
    {
        CommandObjective.ValidateFor(spec, CommandMode.OneShot);
        _spec = spec;
    }

    /// <inheritdoc />
    public async Task<TrialOutcome> RunAsync(Trial trial, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(trial);
        cancellation.ThrowIfCancellationRequested();
        if (!TrySubstitute(trial, out var arguments, out var failure))
        {
            return TrialOutcome.Failed(failure);
        }

        KeyValuePair<string, string>[] environment =
        [
            new("ACTORTUNER_PARAMS", trial.ParametersJson()),
            new("ACTORTUNER_TRIAL", trial.Number.ToString(CultureInfo.InvariantCulture)),
            new("ACTORTUNER_ATTEMPT", trial.Attempt.ToString(CultureInfo.InvariantCulture)),
        ];
        using var process = ObjectiveProcess.TryStart(_spec, arguments, environment, out failure);
        if (process is null)
        {
            return TrialOutcome.Failed(failure!);
        }

        process.CloseInput();
        using var timeout = new CancellationTokenSource(_spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        string? last = null;
        try
        {
            while (await process.ReadLineAsync(linked.Token).ConfigureAwait(false) is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    last = line;
                    ReportIfIntermediate(trial, line);
                }
            }

            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            process.KillTree();
            cancellation.ThrowIfCancellationRequested();
            await process.DrainErrorsAsync(DrainLimit).ConfigureAwait(false);
            return TrialOutcome.Failed(process.Errors.AppendTo(
                $"'{process.Program}' timed out after {ObjectiveOutput.Describe(_spec.Timeout)} and was killed with its child processes",
                "stderr"));
        }
        catch (IOException e)
        {
            process.KillTree();
            return TrialOutcome.Failed(process.Errors.AppendTo($"reading the output of '{process.Program}' failed: {e.Message}", "stderr"));
        }

        await process.DrainErrorsAsync(DrainLimit).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            return TrialOutcome.Failed(process.Errors.AppendTo($"'{process.Program}' {process.DescribeExit()}", "stderr"));
        }

        var outcome = ReadResult(last);
        return outcome is FailedOutcome failed
            ? TrialOutcome.Failed(process.Errors.AppendTo($"'{process.Program}' {failed.Reason}", "stderr"))
            : outcome;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [GeneratedRegex(@"\$\{([^}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private static void ReportIfIntermediate(Trial trial, string line)
    {
        using var json = ObjectiveOutput.TryParseObject(line);
        if (json is not null && ObjectiveOutput.TryReadReport(json.RootElement, out var step, out var value))
        {
            trial.Report(step, value);
        }
    }

    private static TrialOutcome ReadResult(string? last)
    {
        const string expected = "the last non-empty stdout line must be the result: a number such as 0.123, or a JSON object {\"value\": 0.123}";
        if (last is null)
        {
            return TrialOutcome.Failed($"printed nothing on stdout; {expected}");
        }

        if (ObjectiveOutput.TryParseNumber(last, out var number))
        {
            return ObjectiveOutput.FromValue(number);
        }

        using var json = ObjectiveOutput.TryParseObject(last);
        if (json is not null && json.RootElement.TryGetProperty("step", out _))
        {
            return TrialOutcome.Failed(
                $"ended with the intermediate report {ObjectiveOutput.Quote(last)}, not a result; print the final value after the reports ({expected})");
        }

        return json is not null && json.RootElement.TryGetProperty("value", out var value) && ObjectiveOutput.TryReadNumber(value, out number)
            ? ObjectiveOutput.FromValue(number)
            : TrialOutcome.Failed($"printed {ObjectiveOutput.Quote(last)} last, which is not a result; {expected}");
    }

    private bool TrySubstitute(Trial trial, out string[] arguments, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? failure)
    {
        arguments = new string[_spec.Command.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = _spec.Command[i];
            var text = new StringBuilder();
            var at = 0;
            foreach (Match match in Placeholder().Matches(argument))
            {
                var name = match.Groups[1].Value;
                if (!trial.Configuration.TryGetValue(name, out var value))
                {
                    failure = $"the command argument {ObjectiveOutput.Quote(argument)} uses ${{{name}}}, but trial {trial.Number} has no parameter " +
                        $"'{name}' (it has: {string.Join(", ", trial.Configuration.Keys)}). A conditional parameter whose condition does not hold " +
                        "has no value and its placeholder is not filled; read ACTORTUNER_PARAMS for such parameters";
                    return false;
                }

                text.Append(argument, at, match.Index - at).Append(Trial.Format(value));
                at = match.Index + match.Length;
            }

            arguments[i] = text.Append(argument, at, argument.Length - at).ToString();
        }

        failure = null;
        return true;
    }
}
