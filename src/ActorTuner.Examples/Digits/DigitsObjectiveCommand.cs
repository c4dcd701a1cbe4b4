using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// <c>ActorTuner.Examples digits-objective [--persistent]</c>: <see cref="DigitsObjective"/> as an external
/// command for a study file.
/// <para>One-shot: reads the parameters as a JSON object from <c>ACTORTUNER_PARAMS</c>, prints
/// <c>{"step": k, "value": v}</c> after each epoch, then the validation loss alone on the last line.</para>
/// <para>Persistent: reads lines <c>{"trial": n, "params": {...}}</c> from stdin until end of input and answers
/// each with <c>{"trial": n, "step": k, "value": v}</c> per epoch and then <c>{"trial": n, "value": x}</c>, or
/// <c>{"trial": n, "error": "..."}</c> when the parameters are wrong. Every line is flushed.</para>
/// </summary>
public static class DigitsObjectiveCommand
{
    /// <summary>The command word.</summary>
    public const string Name = "digits-objective";

    /// <summary>The environment variable holding the one-shot parameters.</summary>
    public const string ParametersVariable = "ACTORTUNER_PARAMS";

    /// <summary>The option selecting persistent mode.</summary>
    public const string PersistentOption = "--persistent";

    // The lines go to a pipe, never into HTML, so quotes and apostrophes in messages stay readable.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Exit code: the command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code: the trial failed (bad parameters).</summary>
    public const int TrialFailed = 1;

    /// <summary>Exit code: cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs the command with the options after the command word.</summary>
    public static int Run(
        IReadOnlyList<string> options,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            return options switch
            {
                [] => RunOneShot(environment(ParametersVariable), output, error, cancellationToken),
                [PersistentOption] => RunPersistent(input, output, error, cancellationToken),
                _ => Usage(error, $"unknown options '{string.Join(' ', options)}'"),
            };
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"{Name}: cancelled");
            return Cancelled;
        }
    }

    /// <summary>The usage text, one line per mode.</summary>
    public static string UsageText { get; } = string.Join(
        Environment.NewLine,
        $"  {Name}                train once on the JSON object in ${ParametersVariable} (lr, batch, width, depth,",
        "                                  dropout, decay; optional epochs, seed); prints {\"step\": k, \"value\": v} per epoch,",
        "                                  then the validation loss on the last line",
        $"  {Name} {PersistentOption}   answer {{\"trial\": n, \"params\": {{...}}}} lines from stdin until end of input",
        string.Empty);

    /// <summary>One trial from <paramref name="parametersJson"/>; 0 on success, 1 when the parameters are wrong.</summary>
    public static int RunOneShot(string? parametersJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(parametersJson))
        {
            return Usage(error, $"${ParametersVariable} is not set; set it to the trial's parameters as a JSON object");
        }

        Trial trial;
        try
        {
            using var document = JsonDocument.Parse(parametersJson);
            trial = new Trial(0, 1, ParseParameters(document.RootElement), (step, value) =>
                WriteLine(output, w =>
                {
                    w.WriteNumber("step", step);
                    w.WriteNumber("value", value);
                }));
            DigitsObjective.ReadHyperparameters(trial);
        }
        catch (Exception e) when (IsBadParameters(e))
        {
            error.WriteLine($"{Name}: bad parameters in ${ParametersVariable}: {e.Message}");
            return TrialFailed;
        }

        var result = DigitsObjective.Train(trial, cancellationToken);
        output.WriteLine(result.ValidationLoss.ToString("R", CultureInfo.InvariantCulture));
        output.Flush();
        return 0;
    }

    /// <summary>Trials from <paramref name="input"/>, one per line, until end of input; returns 0.</summary>
    public static int RunPersistent(TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!string.IsNullOrWhiteSpace(line))
            {
                RunRequest(line, output, error, cancellationToken);
            }
        }

        return 0;
    }

    private static void RunRequest(string line, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        long? number = null;
        Trial trial;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("trial", out var trialElement)
                || !trialElement.TryGetInt64(out var n))
            {
                throw new FormatException("a request is {\"trial\": n, \"params\": {...}} with an integer n");
            }

            number = n;
            if (!root.TryGetProperty("params", out var parameters))
            {
                throw new FormatException($"trial {n}: the request has no \"params\" object");
            }

            trial = new Trial((int)Math.Clamp(n, int.MinValue, int.MaxValue), 1, ParseParameters(parameters), (step, value) =>
                WriteLine(output, w =>
                {
                    w.WriteNumber("trial", n);
                    w.WriteNumber("step", step);
                    w.WriteNumber("value", value);
                }));
            DigitsObjective.ReadHyperparameters(trial);
        }
        catch (Exception e) when (IsBadParameters(e))
        {
            error.WriteLine($"{Name}: {e.Message} (request: {line})");
            WriteLine(output, w =>
            {
                if (number is { } n)
                {
                    w.WriteNumber("trial", n);
                }
                else
                {
                    w.WriteNull("trial");
                }

                w.WriteString("error", e.Message);
            });
            return;
        }

        var result = DigitsObjective.Train(trial, cancellationToken);
        WriteLine(output, w =>
        {
            w.WriteNumber("trial", number!.Value);
            w.WriteNumber("value", result.ValidationLoss);
        });
    }

    /// <summary>A JSON object's members as parameter values: whole numbers as integers, other numbers as reals, strings, booleans.</summary>
    /// <exception cref="FormatException"><paramref name="parameters"/> is not an object of numbers, strings and booleans.</exception>
    internal static Configuration ParseParameters(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"the parameters must be a JSON object, not {parameters.ValueKind}");
        }

        var values = new List<KeyValuePair<string, ParameterValue>>();
        foreach (var member in parameters.EnumerateObject())
        {
            var value = member.Value;
            values.Add(new(member.Name, value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out var whole) => ParameterValue.Integer(whole),
                JsonValueKind.Number => ParameterValue.Real(value.GetDouble()),
                JsonValueKind.String => ParameterValue.Text(value.GetString()!),
                JsonValueKind.True or JsonValueKind.False => ParameterValue.Boolean(value.GetBoolean()),
                _ => throw new FormatException($"parameter '{member.Name}' is {value.ValueKind}; use a number, a string or a boolean"),
            }));
        }

        return new Configuration(values);
    }

    private static bool IsBadParameters(Exception e) =>
        e is JsonException or FormatException or KeyNotFoundException or InvalidCastException or ArgumentException;

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"{Name}: {problem}");
        error.WriteLine("usage:");
        error.Write(UsageText);
        return UsageError;
    }

    private static void WriteLine(TextWriter output, Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        output.Flush();
    }
}
