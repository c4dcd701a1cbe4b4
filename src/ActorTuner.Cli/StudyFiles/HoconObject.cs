namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// An object <c>{ key = value }</c> with its fields in the order they first appear. Setting a key again
/// merges two objects and otherwise replaces the value (the last one wins), as HOCON says.
/// </summary>
internal sealed class HoconObject(int line, int column) : HoconValue(line, column)
{
    private readonly List<HoconField> _fields = [];

    public IReadOnlyList<HoconField> Fields => _fields;

    public HoconField? Find(string key) => _fields.Find(f => f.Key == key);

    public override string Describe() => "an object";

    /// <summary>Adds or replaces <paramref name="field"/>; an object set over an object is merged into it.</summary>
    public void Set(HoconField field)
    {
        var index = _fields.FindIndex(f => f.Key == field.Key);
        if (index < 0)
        {
            _fields.Add(field);
        }
        else if (_fields[index].Value is HoconObject existing && field.Value is HoconObject incoming)
        {
            foreach (var inner in incoming.Fields)
            {
                existing.Set(inner);
            }
        }
        else
        {
            _fields[index] = field;
        }
    }

    /// <summary>The object under <paramref name="key"/>, created (or put over a non-object) when needed; for dotted keys.</summary>
    public HoconObject Child(string key, int line, int column)
    {
        if (Find(key) is { Value: HoconObject child })
        {
            return child;
        }

        var created = new HoconObject(line, column);
        Set(new HoconField(key, created, line, column));
        return created;
    }
}
