using System.Collections.Immutable;

namespace ActorTuner.Core.Spaces;

/// <summary>
/// A validated set of parameters and the encoding of configurations to the unit cube [0, 1]^d,
/// one dimension per parameter in definition order. Inactive conditional parameters encode to
/// <see cref="InactiveCoordinate"/> and are absent from decoded configurations.
/// </summary>
public sealed class SearchSpace
{
    /// <summary>The coordinate an inactive parameter takes in the encoding.</summary>
    public const double InactiveCoordinate = 0.5;

    private readonly ImmutableDictionary<string, int> _index;
    private readonly ImmutableArray<int> _order;

    private SearchSpace(ImmutableArray<ParameterSpec> parameters, ImmutableArray<int> order)
    {
        Parameters = parameters;
        _order = order;
        _index = parameters.Select((p, i) => KeyValuePair.Create(p.Name, i)).ToImmutableDictionary(StringComparer.Ordinal);
        Kinds = parameters.Select(p => p.Kind).ToImmutableArray();
        Size = CountConfigurations();
    }

    /// <summary>The parameters in definition order; dimension i of the encoding is parameter i.</summary>
    public ImmutableArray<ParameterSpec> Parameters { get; }

    /// <summary>The kind of each dimension.</summary>
    public ImmutableArray<DimensionKind> Kinds { get; }

    /// <summary>The number of dimensions of the encoding.</summary>
    public int Dimensions => Parameters.Length;

    /// <summary>The number of distinct configurations, or +infinity when a parameter is continuous.</summary>
    public double Size { get; }

    /// <summary>True when every parameter is discrete, so the space can be enumerated.</summary>
    public bool IsFinite => !double.IsPositiveInfinity(Size);

    /// <summary>True when some parameter is conditional.</summary>
    public bool HasConditions => Parameters.Any(p => p.When is not null);

    /// <summary>
    /// Validates the parameters and builds the space.
    /// </summary>
    /// <exception cref="SearchSpaceException">A parameter is unusable; the message names it and says what is wrong.</exception>
    public static SearchSpace Create(IEnumerable<ParameterSpec> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToImmutableArray();
        if (list.IsEmpty)
        {
            throw new SearchSpaceException("the search space has no parameters; define at least one");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (string.IsNullOrWhiteSpace(p.Name))
            {
                throw new SearchSpaceException("a parameter has an empty name");
            }

            if (!names.Add(p.Name))
            {
                throw new SearchSpaceException(p.Name, "is defined twice; parameter names must be unique");
            }

            p.Validate();
        }

        var byName = list.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (p.When is not { } when)
            {
                continue;
            }

            if (!byName.TryGetValue(when.Parent, out var parent))
            {
                throw new SearchSpaceException(p.Name, $"its condition names the parent '{when.Parent}', which is not a parameter of this space");
            }

            if (parent.Kind == DimensionKind.Continuous || parent is FloatParameter || parent is IntParameter)
            {
                throw new SearchSpaceException(p.Name, $"its condition's parent '{when.Parent}' must be categorical or ordinal");
            }

            if (when.Values.IsDefaultOrEmpty)
            {
                throw new SearchSpaceException(p.Name, $"its condition on '{when.Parent}' lists no values");
            }

            foreach (var v in when.Values)
            {
                if (!parent.Contains(v))
                {
                    throw new SearchSpaceException(p.Name, $"its condition needs '{when.Parent}' = {v}, which is not one of that parameter's values");
                }
            }
        }

        return new SearchSpace(list, TopologicalOrder(list));
    }

    /// <summary>Builds a space from parameters given inline.</summary>
    public static SearchSpace Create(params ParameterSpec[] parameters) => Create((IEnumerable<ParameterSpec>)parameters);

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    public ParameterSpec this[string name] => Parameters[_index[name]];

    /// <summary>The dimension of the parameter called <paramref name="name"/>.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : -1;

    /// <summary>
    /// Decodes a point of the cube (any length-d vector; coordinates are clamped) to a legal configuration:
    /// parents first, then the children their values activate.
    /// </summary>
    public Configuration Decode(ReadOnlySpan<double> unit)
    {
        if (unit.Length != Dimensions)
        {
            throw new ArgumentException($"expected a point with {Dimensions} coordinates, got {unit.Length}", nameof(unit));
        }

        var values = new Dictionary<string, ParameterValue>(Dimensions, StringComparer.Ordinal);
        foreach (var i in _order)
        {
            var p = Parameters[i];
            if (IsActive(p, values))
            {
                values[p.Name] = p.Decode(unit[i]);
            }
        }

        return new Configuration(values);
    }

    /// <summary>Encodes a legal configuration; inactive dimensions take <see cref="InactiveCoordinate"/>.</summary>
    /// <exception cref="ArgumentException">The configuration is not legal in this space (see <see cref="Validate"/>).</exception>
    public double[] Encode(Configuration configuration)
    {
        Validate(configuration);
        var point = new double[Dimensions];
        for (var i = 0; i < Dimensions; i++)
        {
            var p = Parameters[i];
            point[i] = configuration.TryGetValue(p.Name, out var v) ? p.Encode(v) : InactiveCoordinate;
        }

        return point;
    }

    /// <summary>Maps a point to the encoding of its decoded configuration (snaps discrete dimensions to bin centres).</summary>
    public double[] Snap(ReadOnlySpan<double> unit)
    {
        var into = new double[Dimensions];
        Span<bool> active = Dimensions <= 256 ? stackalloc bool[Dimensions] : new bool[Dimensions];
        Snap(unit, into, active);
        return into;
    }

    /// <summary>
    /// Writes into <paramref name="into"/> the encoding of the configuration that <paramref name="unit"/> decodes to,
    /// and into <paramref name="active"/> which parameters that configuration has, without allocating: the same
    /// result as <c>Encode(Decode(unit))</c>, for hot loops.
    /// </summary>
    public void Snap(ReadOnlySpan<double> unit, Span<double> into, Span<bool> active)
    {
        if (unit.Length != Dimensions || into.Length != Dimensions || active.Length != Dimensions)
        {
            throw new ArgumentException($"expected spans of {Dimensions} coordinates");
        }

        foreach (var i in _order)
        {
            var p = Parameters[i];
            var isActive = true;
            if (p.When is { } when)
            {
                var parent = _index[when.Parent];
                isActive = active[parent] && when.IsSatisfiedBy(Parameters[parent].Decode(into[parent]));
            }

            active[i] = isActive;
            into[i] = isActive ? p.Encode(p.Decode(unit[i])) : InactiveCoordinate;
        }
    }

    /// <summary>
    /// Checks that every active parameter has a legal value, no inactive or unknown parameter is present.
    /// </summary>
    /// <exception cref="ArgumentException">Names the parameter and what is wrong.</exception>
    public void Validate(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var key in configuration.Keys)
        {
            if (!_index.ContainsKey(key))
            {
                throw new ArgumentException($"parameter '{key}' is not in the search space ({string.Join(", ", Parameters.Select(p => p.Name))})");
            }
        }

        foreach (var i in _order)
        {
            var p = Parameters[i];
            var active = IsActive(p, configuration);
            var present = configuration.TryGetValue(p.Name, out var v);
            if (active && !present)
            {
                throw new ArgumentException($"parameter '{p.Name}' is active but has no value");
            }

            if (!active && present)
            {
                throw new ArgumentException($"parameter '{p.Name}' is inactive ({p.When!.Parent} = {(configuration.TryGetValue(p.When.Parent, out var pv) ? pv.ToString() : "absent")}) but has a value");
            }

            if (present && !p.Contains(v))
            {
                p.Encode(v); // throws the parameter's own description of what is legal
            }
        }
    }

    /// <summary>True when the configuration is legal in this space.</summary>
    public bool Contains(Configuration configuration)
    {
        try
        {
            Validate(configuration);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="parameter"/> is active given the values decided so far.</summary>
    public static bool IsActive(ParameterSpec parameter, IReadOnlyDictionary<string, ParameterValue> values) =>
        parameter.When is not { } when || (values.TryGetValue(when.Parent, out var pv) && when.IsSatisfiedBy(pv));

    /// <summary>Parameter indices with every parent before its children.</summary>
    public ImmutableArray<int> DecodeOrder => _order;

    private static ImmutableArray<int> TopologicalOrder(ImmutableArray<ParameterSpec> list)
    {
        var order = new List<int>(list.Length);
        var state = new int[list.Length]; // 0 new, 1 visiting, 2 done
        var index = list.Select((p, i) => (p.Name, i)).ToDictionary(t => t.Name, t => t.i, StringComparer.Ordinal);

        void Visit(int i)
        {
            if (state[i] == 2)
            {
                return;
            }

            if (state[i] == 1)
            {
                throw new SearchSpaceException(list[i].Name, "its conditions form a cycle; a parameter cannot depend on itself through its parents");
            }

            state[i] = 1;
            if (list[i].When is { } when)
            {
                Visit(index[when.Parent]);
            }

            state[i] = 2;
            order.Add(i);
        }

        for (var i = 0; i < list.Length; i++)
        {
            Visit(i);
        }

        return [.. order];
    }

    // Conditions form a forest; count(p) = sum over p's values of the product of count(child) over the
    // children that value activates, and the space is the product over roots.
    private double CountConfigurations()
    {
        if (Parameters.Any(p => !p.IsFinite))
        {
            return double.PositiveInfinity;
        }

        var children = Parameters.ToLookup(p => p.When?.Parent, StringComparer.Ordinal);

        double Count(ParameterSpec p)
        {
            if (!children[p.Name].Any())
            {
                return p.Count!.Value;
            }

            var total = 0.0;
            for (long k = 0; k < p.Count!.Value; k++)
            {
                var value = p.ValueAt(k);
                var product = 1.0;
                foreach (var child in children[p.Name])
                {
                    if (child.When!.IsSatisfiedBy(value))
                    {
                        product *= Count(child);
                    }
                }

                total += product;
            }

            return total;
        }

        return children[null].Aggregate(1.0, (acc, root) => acc * Count(root));
    }
}
