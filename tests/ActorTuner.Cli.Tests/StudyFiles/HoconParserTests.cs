using ActorTuner.Cli.StudyFiles;

namespace ActorTuner.Cli.Tests.StudyFiles;

public sealed class HoconParserTests
{
    private static HoconObject Parse(string text) => HoconParser.Parse(text, "t.conf");

    private static HoconValue At(HoconObject root, string path)
    {
        HoconValue value = root;
        foreach (var key in path.Split('.'))
        {
            value = ((HoconObject)value).Find(key).ShouldNotBeNull($"no key '{key}' in {path}").Value;
        }

        return value;
    }

    private static string Text(HoconObject root, string path) => ((HoconScalar)At(root, path)).Text;

    private static StudyFileException Fails(string text) => Should.Throw<StudyFileException>(() => Parse(text));

    [Fact]
    public void Equals_colon_and_brace_alone_all_separate_a_key()
    {
        var root = Parse("a = 1\nb : 2\nc { d = 3 }\ne = { f: 4 }");

        Text(root, "a").ShouldBe("1");
        Text(root, "b").ShouldBe("2");
        Text(root, "c.d").ShouldBe("3");
        Text(root, "e.f").ShouldBe("4");
    }

    [Fact]
    public void Fields_separate_by_commas_or_new_lines_and_allow_a_trailing_comma()
    {
        var root = Parse("x { a = 1, b = 2,\n c = 3\n d = 4, }");

        ((HoconObject)At(root, "x")).Fields.Select(f => f.Key).ShouldBe(["a", "b", "c", "d"]);
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        Text(Parse("{ a = 1 }"), "a").ShouldBe("1");
        Text(Parse("\n\n  { a = 1 }  \n"), "a").ShouldBe("1");
    }

    [Fact]
    public void Comments_run_to_the_end_of_the_line()
    {
        var root = Parse("# top\na = 1 # after\n// slashes\nb = two // after\nc = [x, # in a list\n y]\nd = \"# not a comment\"");

        Text(root, "a").ShouldBe("1");
        Text(root, "b").ShouldBe("two");
        ((HoconArray)At(root, "c")).Items.Length.ShouldBe(2);
        Text(root, "d").ShouldBe("# not a comment");
        root.Fields.Count.ShouldBe(4);
    }

    [Fact]
    public void Unquoted_strings_keep_dashes_dots_and_exponents()
    {
        var root = Parse("mode = one-shot\nlow = 1e-3\nfile = train.py\npath = ../work/dir");

        Text(root, "mode").ShouldBe("one-shot");
        Text(root, "low").ShouldBe("1e-3");
        Text(root, "file").ShouldBe("train.py");
        Text(root, "path").ShouldBe("../work/dir");
        ((HoconScalar)At(root, "mode")).Quoted.ShouldBeFalse();
    }

    [Fact]
    public void Quoted_strings_take_json_escapes()
    {
        var root = Parse("""s = "a \"b\" \\ \/ \t \n \u00e9 ${C} = : , { } [ ]" """);

        Text(root, "s").ShouldBe("a \"b\" \\ / \t \n \u00e9 ${C} = : , { } [ ]");
        ((HoconScalar)At(root, "s")).Quoted.ShouldBeTrue();
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var root = Parse("s = \"\"\"one \\n\n\"two\"\"\"\"\nt = 1");

        Text(root, "s").ShouldBe("one \\n\n\"two\"");
        Text(root, "t").ShouldBe("1");
    }

    [Fact]
    public void Pieces_on_one_line_concatenate_keeping_inner_spaces()
    {
        var root = Parse("a = hello   world  \nb = foo\"bar\" baz");

        Text(root, "a").ShouldBe("hello   world");
        Text(root, "b").ShouldBe("foobar baz");
    }

    [Fact]
    public void Lists_span_lines_and_allow_commas_or_new_lines()
    {
        var root = Parse("a = [\n  python3,\n  -c\n  \"print(1)\",\n]\nb = []\nc = [[1, 2], {x = 1}]");

        var a = (HoconArray)At(root, "a");
        a.Items.Select(i => ((HoconScalar)i).Text).ShouldBe(["python3", "-c", "print(1)"]);
        a.Items.Select(i => i.Line).ShouldBe([2, 3, 4]);
        ((HoconArray)At(root, "b")).Items.ShouldBeEmpty();
        ((HoconArray)At(root, "c")).Items[1].ShouldBeOfType<HoconObject>();
    }

    [Fact]
    public void Dotted_keys_make_nested_objects_and_quoted_keys_do_not_split()
    {
        var root = Parse("a.b.c = 1\na.b.d = 2\n\"x.y\" = 3\na.\"e.f\" = 4");

        Text(root, "a.b.c").ShouldBe("1");
        Text(root, "a.b.d").ShouldBe("2");
        ((HoconScalar)root.Find("x.y")!.Value).Text.ShouldBe("3");
        ((HoconScalar)((HoconObject)At(root, "a")).Find("e.f")!.Value).Text.ShouldBe("4");
    }

    [Fact]
    public void Repeated_objects_merge_and_repeated_values_take_the_last()
    {
        var root = Parse("a { x = 1, y = 2 }\nb = 1\na { y = 3, z = 4 }\nb = 5\nc = 1\nc { d = 1 }");

        ((HoconObject)At(root, "a")).Fields.Select(f => f.Key).ShouldBe(["x", "y", "z"]);
        Text(root, "a.y").ShouldBe("3");
        Text(root, "b").ShouldBe("5");
        Text(root, "c.d").ShouldBe("1");
        root.Fields.Select(f => f.Key).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void Keys_and_values_record_their_line_and_column()
    {
        var root = Parse("study {\n  name = svm\n\n    trials: 60\n}");

        var study = (HoconObject)At(root, "study");
        (study.Line, study.Column).ShouldBe((1, 7));
        var name = study.Find("name")!;
        (name.Line, name.Column, name.Value.Line, name.Value.Column).ShouldBe((2, 3, 2, 10));
        var trials = study.Find("trials")!;
        (trials.Line, trials.Column, trials.Value.Column).ShouldBe((4, 5, 13));
    }

    [Fact]
    public void Windows_line_endings_count_lines_the_same()
    {
        var root = Parse("a = 1\r\nb = [x,\r\n y]\r\nc = \"q\"\r\n");

        Text(root, "a").ShouldBe("1");
        root.Find("c")!.Line.ShouldBe(4);
        Text(root, "c").ShouldBe("q");
    }

    [Fact]
    public void An_unclosed_brace_names_where_it_opens()
    {
        var error = Fails("study {\n  space {\n    x { type = float }\n");

        error.Message.ShouldBe("t.conf:2:9: study.space: '{' is never closed; add '}'");
        (error.Line, error.Column, error.Key).ShouldBe((2, 9, "study.space"));
    }

    [Fact]
    public void An_unclosed_string_names_where_it_opens()
    {
        Fails("study {\n  name = \"svm\n}").Message.ShouldBe("t.conf:2:10: study.name: string is never closed; add '\"' before the end of the line");
        Fails("a = \"\"\"open").Message.ShouldStartWith("t.conf:1:5: a: '\"\"\"' string is never closed");
    }

    [Fact]
    public void An_unclosed_list_names_where_it_opens()
    {
        Fails("a {\n  b = [1, 2\n}").Message.ShouldBe("t.conf:2:7: a.b: '[' is never closed; add ']'");
        Fails("a = [1, 2").Message.ShouldBe("t.conf:1:5: a: '[' is never closed; add ']'");
    }

    [Theory]
    [InlineData("a = 1 }", 1, 7, "unexpected '}' with no '{' open")]
    [InlineData("a {\n  b\n}", 2, 4, "expected '=', ':' or '{' after the key")]
    [InlineData("a = ", 1, 5, "expected a value")]
    [InlineData("a = [1, , 2]", 1, 9, "expected a value")]
    [InlineData("a {\n  b = x = y\n}", 2, 9, "'=' cannot appear in an unquoted string")]
    [InlineData("a = [1 2 {}]", 1, 10, "unexpected '{' after a string")]
    [InlineData("a = [--C=${C}]", 1, 9, "'=' cannot appear in an unquoted string; put the value in double quotes")]
    [InlineData("a = ${b}", 1, 5, "substitutions (${...}) are not supported")]
    [InlineData("a += 1", 1, 3, "'+=' is not supported")]
    [InlineData("a = \"\\q\"", 1, 7, "unknown escape '\\q'")]
    [InlineData("a = 1\nb = {} x", 2, 8, "unexpected 'x'; separate fields")]
    [InlineData("a..b = 1", 1, 3, "expected a key, got '.'")]
    [InlineData("{ a = 1 } b", 1, 11, "unexpected 'b' after the closing '}'")]
    [InlineData("include \"other.conf\"", 1, 1, "include is not supported")]
    public void Syntax_errors_name_line_and_column(string text, int line, int column, string problem)
    {
        var error = Fails(text);

        (error.Line, error.Column).ShouldBe((line, column));
        error.Problem.ShouldContain(problem);
        error.Message.ShouldStartWith($"t.conf:{line}:{column}: ");
    }

    [Fact]
    public void An_equals_sign_in_a_list_item_asks_for_quotes_only()
    {
        Fails("a = [--C=1]").Problem.ShouldBe("'=' cannot appear in an unquoted string; put the value in double quotes");
    }

    [Fact]
    public void A_syntax_error_in_a_study_file_names_the_key_path()
    {
        var error = Should.Throw<StudyFileException>(() => StudyFile.Parse("study {\n  space {\n    C { low = 1e-3 high = 2 }\n  }\n}", "svm.conf"));

        error.Message.ShouldBe("svm.conf:3:25: study.space.C.low: '=' cannot appear in an unquoted string; put the value in double quotes, or end the field before the next key with a comma");
    }
}
