using ActorTuner.Actors.Objectives;
using ActorTuner.Cli.StudyFiles;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Cli.Tests.StudyFiles;

public sealed class StudyFileTests
{
    // The file from the issue, exactly.
    private const string IssueFile = """
        study {
          name = svm-digits
          direction = minimize        # or maximize
          trials = 60                 # budget of finished trials
          parallelism = 4
          seed = 1
          sampler { type = gp }       # gp | random | sobol | grid, with their options
          space {
            C      { type = float, low = 1e-3, high = 1e3, log = true }
            gamma  { type = float, low = 1e-6, high = 1, log = true }
            kernel { type = categorical, choices = [rbf, poly] }
            degree { type = int, low = 2, high = 5, when { kernel = [poly] } }
            width  { type = ordinal, values = [64, 128, 256] }
          }
          objective {
            command = [python3, train.py, "--C=${C}", "--gamma=${gamma}"]
            mode = one-shot           # or persistent
            timeout = 10m
          }
        }
        """;

    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "studies");
    private static readonly string SvmPath = Path.Combine(Folder, "svm.conf");

    [Fact]
    public void The_issue_file_parses_to_its_settings()
    {
        var study = StudyFile.Parse(IssueFile, SvmPath);

        study.Path.ShouldBe(SvmPath);
        study.Settings.Name.ShouldBe("svm-digits");
        study.Settings.Direction.ShouldBe(Direction.Minimize);
        study.Settings.Budget.ShouldBe(60);
        study.Settings.Parallelism.ShouldBe(4);
        study.Settings.Seed.ShouldBe(1);
        study.Settings.MaxAttempts.ShouldBe(StudyFile.DefaultMaxAttempts);
        study.Settings.Lease.ShouldBe(StudyFile.DefaultLease);
        study.Sampler.ShouldBe("gp");
    }

    [Fact]
    public void The_issue_file_parses_to_its_space_in_file_order()
    {
        var space = StudyFile.Parse(IssueFile, SvmPath).Space;

        space.Parameters.Select(p => p.Name).ShouldBe(["C", "gamma", "kernel", "degree", "width"]);
        space["C"].ShouldBe(new FloatParameter("C", 1e-3, 1e3, Log: true));
        space["gamma"].ShouldBe(new FloatParameter("gamma", 1e-6, 1, Log: true));
        space["kernel"].ShouldBe(new CategoricalParameter("kernel", ["rbf", "poly"]));
        space["degree"].ShouldBe(new IntParameter("degree", 2, 5, When: new ParameterCondition("kernel", ["poly"])));
        space["width"].ShouldBe(new OrdinalParameter("width", [64, 128, 256]));
        ((OrdinalParameter)space["width"]).Values[0].Kind.ShouldBe(ParameterValueKind.Integer);
    }

    [Fact]
    public void The_issue_file_parses_to_its_objective()
    {
        var objective = StudyFile.Parse(IssueFile, SvmPath).Objective.ShouldNotBeNull();

        objective.Command.ShouldBe(["python3", "train.py", "--C=${C}", "--gamma=${gamma}"]);
        objective.Mode.ShouldBe(CommandMode.OneShot);
        objective.Timeout.ShouldBe(TimeSpan.FromMinutes(10));
        objective.WorkingDirectory.ShouldBe(Path.GetFullPath(Folder));
        objective.Environment.ShouldBeEmpty();
    }

    [Fact]
    public void Optional_keys_take_their_defaults()
    {
        var study = StudyFile.Parse(
            """
            study {
              name = s, direction = maximize, trials = 5
              space { x { type = float, low = 0, high = 1 } }
            }
            """,
            SvmPath);

        study.Settings.Direction.ShouldBe(Direction.Maximize);
        study.Settings.Parallelism.ShouldBe(1);
        study.Settings.Seed.ShouldBe(0);
        study.Settings.MaxAttempts.ShouldBe(3);
        study.Settings.Lease.ShouldBe(TimeSpan.FromMinutes(5));
        study.Sampler.ShouldBe("gp");
        study.Objective.ShouldBeNull();
    }

    [Fact]
    public void Every_documented_key_is_read()
    {
        var study = StudyFile.Parse(
            """
            study {
              name = "all-keys.v2"
              direction = maximize
              trials = 1e2
              parallelism = 8
              seed = -3
              max-attempts = 5
              lease = 90s
              sampler { type = gp, acq = ucb, pending = kb, beta = 1.5, init = 4 }
              space {
                lr    { type = float, low = 0, high = 1, step = 0.25 }
                units { type = int, low = 1, high = 1024, log = true }
                batch { type = int, low = 8, high = 64, step = 8 }
                flag  { type = categorical, choices = [true, false, "true", 1.5] }
              }
              objective {
                command = [./train, "--lr=${lr}"]
                mode = persistent
                timeout = 2h
                workdir = ../work
                env { OMP_NUM_THREADS = 1, "A.B" = "x y" }
              }
            }
            """,
            SvmPath);

        study.Settings.ShouldBe(new Core.Studies.StudySettings("all-keys.v2", Direction.Maximize, 100, 8, -3, 5, TimeSpan.FromSeconds(90)));
        study.Sampler.ShouldBe("gp:acq=ucb,pending=kb,beta=1.5,init=4");
        study.Space["lr"].ShouldBe(new FloatParameter("lr", 0, 1, Step: 0.25));
        study.Space["units"].ShouldBe(new IntParameter("units", 1, 1024, Log: true));
        study.Space["batch"].ShouldBe(new IntParameter("batch", 8, 64, Step: 8));
        ((CategoricalParameter)study.Space["flag"]).Choices.ShouldBe([true, false, "true", 1.5]);
        var objective = study.Objective.ShouldNotBeNull();
        objective.Mode.ShouldBe(CommandMode.Persistent);
        objective.Timeout.ShouldBe(TimeSpan.FromHours(2));
        objective.WorkingDirectory.ShouldBe(Path.GetFullPath(Path.Combine(Folder, "..", "work")));
        objective.Environment.ShouldBe(new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["A.B"] = "x y" }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("sampler = random", "random")]
    [InlineData("sampler { type = sobol }", "sobol")]
    [InlineData("sampler { type = GRID }", "grid")]
    [InlineData("sampler { acq = ts }", "gp:acq=ts")]
    [InlineData("sampler.type = gp\nsampler.prior = optuna", "gp:prior=optuna")]
    public void Sampler_maps_to_a_factory_spec(string sampler, string expected)
    {
        var study = StudyFile.Parse(Minimal(sampler), "s.conf");

        study.Sampler.ShouldBe(expected);
        Should.NotThrow(() => Surrogates.SamplerFactory.Create(study.Sampler, 0));
    }

    [Fact]
    public void A_condition_may_name_a_single_value_and_a_later_parent()
    {
        var space = StudyFile.Parse(
            Minimal("space { m { type = float, low = 0, high = 1, when.opt = sgd }\n opt { type = categorical, choices = [sgd, adam] } }", space: false),
            "s.conf").Space;

        space["m"].When.ShouldBe(new ParameterCondition("opt", ["sgd"]));
        space.Parameters.Select(p => p.Name).ShouldBe(["m", "opt"]);
    }

    [Fact]
    public void Load_reads_a_file_and_runs_the_command_next_to_it()
    {
        var folder = Directory.CreateTempSubdirectory("studyfile-").FullName;
        try
        {
            var path = Path.Combine(folder, "svm.conf");
            File.WriteAllText(path, IssueFile);

            var study = StudyFile.Load(path);

            study.Path.ShouldBe(path);
            study.Objective.ShouldNotBeNull().WorkingDirectory.ShouldBe(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_file_names_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-study.conf");

        var error = Should.Throw<StudyFileException>(() => StudyFile.Load(path));

        error.Message.ShouldStartWith($"{path}: cannot read the study file");
        error.File.ShouldBe(path);
        error.Line.ShouldBe(0);
    }

    [Fact]
    public void Every_example_study_file_parses()
    {
        var examples = Directory.GetFiles(Path.Combine(RepositoryRoot(), "hocon", "examples"), "*.conf");

        examples.ShouldNotBeEmpty();
        foreach (var example in examples)
        {
            var study = StudyFile.Load(example);
            study.Work.ShouldNotBeNull(example);
            (study.Objective is not null || study.Work.Registered is not null).ShouldBeTrue(example);
            Should.NotThrow(() => Surrogates.SamplerFactory.Create(study.Sampler, study.Settings.Seed), example);
        }
    }

    [Fact]
    public void A_cluster_objective_names_required_tags_or_a_registered_objective_and_mistakes_are_named_at_their_line()
    {
        var gpu = StudyFile.Parse(Minimal("  objective { command = [python3, train.py], requires = [gpu, a100] }"), SvmPath);
        gpu.Work!.Requires.ShouldBe(["a100", "gpu"]);
        gpu.Objective!.Command.ShouldBe(["python3", "train.py"]);

        var registered = StudyFile.Parse(Minimal("  objective { registered = digits-mlp }"), SvmPath);
        registered.Work!.Registered.ShouldBe("digits-mlp");
        registered.Objective.ShouldBeNull();

        Should.Throw<StudyFileException>(() => StudyFile.Parse(Minimal("  objective { registered = x, command = [a] }"), SvmPath))
            .Message.ShouldContain("not both");
        Should.Throw<StudyFileException>(() => StudyFile.Parse(Minimal("  objective { command = [a]\n    requires = [\"g p u\"] }"), SvmPath))
            .Message.ShouldContain("svm.conf:7: study.objective.requires: 'g p u' is not a tag");
        Should.Throw<StudyFileException>(() => StudyFile.Parse(Minimal("  objective { command = [a], requires = gpu }"), SvmPath))
            .Message.ShouldContain("expected a list of worker tags like [gpu]");
    }

    /// <summary>A valid study with <paramref name="extra"/> added to the study object.</summary>
    internal static string Minimal(string extra, bool space = true) =>
        "study {\n  name = s\n  direction = minimize\n  trials = 10\n"
        + (space ? "  space { x { type = categorical, choices = [a, b] } }\n" : string.Empty)
        + extra + "\n}\n";

    private static string RepositoryRoot() => TestRepository.Root();

    [Fact]
    public void A_study_name_that_cannot_name_a_journal_entry_is_refused_at_its_line()
    {
        var text = "study {\n  name = \"my study\"\n  direction = minimize\n  trials = 3\n  space { x { type = float, low = 0, high = 1 } }\n}\n";
        var error = Should.Throw<StudyFileException>(() => StudyFile.Parse(text, "names.conf"));
        error.Message.ShouldStartWith("names.conf:2: study.name:");
        error.Message.ShouldContain("letters, digits");
    }
}
