using System.Collections;
using System.Collections.Immutable;
using System.Text;

namespace ActorTuner.Core.Spaces;

/// <summary>
/// The parameter values of one trial: a name-sorted map with value equality. Inactive (conditional)
/// parameters are absent.
/// </summary>
public sealed class Configuration : IReadOnlyDictionary<string, ParameterValue>, IEquatable<Configuration>
{
    private readonly ImmutableSortedDictionary<string, ParameterValue> _values;
    private readonly int _hash;

    /// <summary>Creates a configuration from name/value pairs.</summary>
    public Configuration(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        _values = values.ToImmutableSortedDictionary(StringComparer.Ordinal);
        var hash = default(HashCode);
        foreach (var (key, value) in _values)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The empty configuration.</summary>
    public static Configuration Empty { get; } = new([]);

    /// <inheritdoc />
    public ParameterValue this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<ParameterValue> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out ParameterValue value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Configuration? other)
    {
        if (other is null || other._hash != _hash || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _values)
        {
            if (!other._values.TryGetValue(key, out var theirs) || !theirs.Equals(value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Configuration other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _hash;

    /// <summary><c>{a=1, b=rbf}</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var (key, value) in _values)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }

            text.Append(key).Append('=').Append(value);
        }

        return text.Append('}').ToString();
    }
}
