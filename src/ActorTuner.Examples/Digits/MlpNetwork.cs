using System.Numerics;
using ActorTuner.Core.Randomness;

namespace ActorTuner.Examples.Digits;

// Notation (row-major; B rows in a mini-batch; L weight layers):
//   n_0 inputs, n_1 .. n_{L-1} hidden widths, n_L classes.
//   W_l: n_{l-1} x n_l, b_l: n_l, A_0 = X (B x n_0).
//   Z_l = A_{l-1} W_l + 1 b_l^T;  A_l = relu(Z_l) ⊙ M_l for l < L, M_l the inverted-dropout mask (0 or 1/(1-p)).
//   P = softmax(Z_L) by row;  loss = (1/B) Σ_i -log P[i, y_i] + (λ/2) Σ_l ||W_l||_F².
//   Backward: Δ_L = (P - onehot(y)) / B;  ∇W_l = A_{l-1}^T Δ_l + λ W_l;  ∇b_l = 1^T Δ_l;
//             Δ_{l-1} = (Δ_l W_l^T) ⊙ M_{l-1} ⊙ [A_{l-1} > 0].
// All parameters live in one flat vector θ = (W_1, b_1, ..., W_L, b_L) so the optimiser is one loop and a
// gradient check perturbs θ_j directly.

/// <summary>
/// A ReLU multilayer perceptron's parameters and mini-batch buffers, in the precision <typeparamref name="T"/>
/// (float for training, double for the gradient check). Products skip zero activations, which ReLU,
/// dropout and the digits' blank pixels make common. Nothing is allocated after construction.
/// </summary>
internal sealed class MlpNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>-ln(1e-15): a row's cross-entropy is clipped here, as scikit-learn's log_loss clips p at 1e-15.</summary>
    public const double MaxRowLoss = 34.538776394910684;

    private readonly int[] _sizes;
    private readonly int[] _weightOffsets;
    private readonly int[] _biasOffsets;
    private readonly T[][] _activations;
    private readonly T[][] _deltas;
    private readonly T[][] _masks;
    private readonly int[] _labels;
    private bool _masked;

    /// <summary>Creates a network with layer sizes <paramref name="sizes"/> (inputs, hidden..., classes) for up to <paramref name="capacity"/> rows at once.</summary>
    public MlpNetwork(ReadOnlySpan<int> sizes, int capacity)
    {
        if (sizes.Length < 2)
        {
            throw new ArgumentException("give at least the input and output sizes", nameof(sizes));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _sizes = sizes.ToArray();
        var layers = _sizes.Length - 1;
        _weightOffsets = new int[layers + 1];
        _biasOffsets = new int[layers + 1];
        var offset = 0;
        for (var l = 1; l <= layers; l++)
        {
            _weightOffsets[l] = offset;
            offset += _sizes[l - 1] * _sizes[l];
            _biasOffsets[l] = offset;
            offset += _sizes[l];
        }

        Parameters = new T[offset];
        Gradient = new T[offset];
        Capacity = capacity;
        _activations = new T[layers + 1][];
        _deltas = new T[layers + 1][];
        _masks = new T[layers][];
        for (var l = 0; l <= layers; l++)
        {
            _activations[l] = new T[capacity * _sizes[l]];
            _deltas[l] = l == 0 ? [] : new T[capacity * _sizes[l]];
            if (l > 0 && l < layers)
            {
                _masks[l] = new T[capacity * _sizes[l]];
            }
        }

        _masks[0] = [];
        _labels = new int[capacity];
    }

    /// <summary>The most rows one call handles.</summary>
    public int Capacity { get; }

    /// <summary>L, the number of weight layers (hidden layers + 1).</summary>
    public int LayerCount => _sizes.Length - 1;

    /// <summary>θ = (W_1, b_1, ..., W_L, b_L), each W row-major n_{l-1} x n_l.</summary>
    public T[] Parameters { get; }

    /// <summary>∇θ of the loss after <see cref="Backward"/>, laid out as <see cref="Parameters"/>.</summary>
    public T[] Gradient { get; }

    /// <summary>He initialisation (He et al. 2015): W_l ~ N(0, 2 / n_{l-1}), b_l = 0.</summary>
    public void InitializeHe(Rng rng)
    {
        Array.Clear(Parameters);
        for (var l = 1; l <= LayerCount; l++)
        {
            var std = Math.Sqrt(2.0 / _sizes[l - 1]);
            var w = WeightSpan(Parameters, l);
            for (var j = 0; j < w.Length; j++)
            {
                w[j] = T.CreateTruncating(std * rng.NextGaussian());
            }
        }
    }

    /// <summary>Copies rows <paramref name="rows"/> of <paramref name="data"/> into the input buffer.</summary>
    public void Load(LabelledSet data, ReadOnlySpan<int> rows)
    {
        var n0 = _sizes[0];
        var x = _activations[0];
        for (var i = 0; i < rows.Length; i++)
        {
            var source = data.X.AsSpan(rows[i] * n0, n0);
            var target = x.AsSpan(i * n0, n0);
            for (var k = 0; k < n0; k++)
            {
                target[k] = T.CreateTruncating(source[k]);
            }

            _labels[i] = data.Y[rows[i]];
        }
    }

    /// <summary>Copies the <paramref name="count"/> rows from <paramref name="start"/> into the input buffer.</summary>
    public void Load(LabelledSet data, int start, int count)
    {
        Span<int> rows = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = start + i;
        }

        Load(data, rows);
    }

    /// <summary>Draws fresh inverted-dropout masks for the hidden layers; p = 0 turns masking off.</summary>
    public void DrawMasks(int rows, double dropout, Rng rng)
    {
        _masked = dropout > 0;
        if (!_masked)
        {
            return;
        }

        var keep = T.CreateTruncating(1.0 / (1.0 - dropout));
        for (var l = 1; l < LayerCount; l++)
        {
            var mask = _masks[l].AsSpan(0, rows * _sizes[l]);
            for (var j = 0; j < mask.Length; j++)
            {
                mask[j] = rng.NextDouble() < dropout ? T.Zero : keep;
            }
        }
    }

    /// <summary>Z_l and A_l for the first <paramref name="rows"/> loaded rows; masks apply when <paramref name="training"/>.</summary>
    public void Forward(int rows, bool training)
    {
        var masked = training && _masked;
        for (var l = 1; l <= LayerCount; l++)
        {
            int nIn = _sizes[l - 1], nOut = _sizes[l];
            ReadOnlySpan<T> w = WeightSpan(Parameters, l);
            ReadOnlySpan<T> b = BiasSpan(Parameters, l);
            var input = _activations[l - 1];
            var output = _activations[l];
            for (var i = 0; i < rows; i++)
            {
                var z = output.AsSpan(i * nOut, nOut);
                b.CopyTo(z);
                var a = input.AsSpan(i * nIn, nIn);
                for (var k = 0; k < nIn; k++)
                {
                    if (a[k] != T.Zero)
                    {
                        VectorKernels.Axpy(a[k], w.Slice(k * nOut, nOut), z);
                    }
                }

                if (l < LayerCount)
                {
                    var m = masked ? _masks[l].AsSpan(i * nOut, nOut) : default;
                    for (var j = 0; j < nOut; j++)
                    {
                        var relu = T.Max(z[j], T.Zero);
                        z[j] = masked ? relu * m[j] : relu;
                    }
                }
            }
        }
    }

    /// <summary>
    /// After <see cref="Forward"/>: the training loss (mean cross-entropy, unclipped, plus (λ/2) Σ ||W_l||²)
    /// and its gradient in <see cref="Gradient"/>. Overwrites the logits with probabilities.
    /// </summary>
    public double Backward(int rows, double decay)
    {
        var classes = _sizes[LayerCount];
        var probabilities = _activations[LayerCount];
        var top = _deltas[LayerCount];
        var scale = T.CreateTruncating(1.0 / rows);
        var loss = 0.0;
        for (var i = 0; i < rows; i++)
        {
            var z = probabilities.AsSpan(i * classes, classes);
            loss += SoftmaxInPlace(z, _labels[i]);
            var d = top.AsSpan(i * classes, classes);
            for (var c = 0; c < classes; c++)
            {
                d[c] = z[c] * scale;
            }

            d[_labels[i]] -= scale;
        }

        loss /= rows;
        var lambda = T.CreateTruncating(decay);
        for (var l = LayerCount; l >= 1; l--)
        {
            int nIn = _sizes[l - 1], nOut = _sizes[l];
            var gw = WeightSpan(Gradient, l);
            var gb = BiasSpan(Gradient, l);
            var w = WeightSpan(Parameters, l);
            gw.Clear();
            gb.Clear();
            var input = _activations[l - 1];
            var delta = _deltas[l];
            for (var i = 0; i < rows; i++)
            {
                ReadOnlySpan<T> d = delta.AsSpan(i * nOut, nOut);
                VectorKernels.Axpy(T.One, d, gb);
                var a = input.AsSpan(i * nIn, nIn);
                for (var k = 0; k < nIn; k++)
                {
                    if (a[k] != T.Zero)
                    {
                        VectorKernels.Axpy(a[k], d, gw.Slice(k * nOut, nOut));
                    }
                }
            }

            if (decay > 0)
            {
                VectorKernels.Axpy(lambda, w, gw);
                loss += 0.5 * decay * double.CreateTruncating(VectorKernels.Dot<T>(w, w));
            }

            if (l > 1)
            {
                var below = _deltas[l - 1];
                var masks = _masks[l - 1];
                for (var i = 0; i < rows; i++)
                {
                    ReadOnlySpan<T> d = delta.AsSpan(i * nOut, nOut);
                    var a = input.AsSpan(i * nIn, nIn);
                    var target = below.AsSpan(i * nIn, nIn);
                    for (var k = 0; k < nIn; k++)
                    {
                        // A > 0 means relu was active and the unit was kept, so the mask is its scale or 1.
                        target[k] = a[k] > T.Zero
                            ? VectorKernels.Dot(d, w.Slice(k * nOut, nOut)) * (_masked ? masks[(i * nIn) + k] : T.One)
                            : T.Zero;
                    }
                }
            }
        }

        return loss;
    }

    /// <summary>
    /// After <see cref="Forward"/> without masks: the summed cross-entropy of the rows, each clipped at
    /// <see cref="MaxRowLoss"/> (a non-finite row counts as the clip), and how many rows the argmax gets right.
    /// </summary>
    public (double LossSum, int Correct) Score(int rows)
    {
        var classes = _sizes[LayerCount];
        var logits = _activations[LayerCount];
        var lossSum = 0.0;
        var correct = 0;
        for (var i = 0; i < rows; i++)
        {
            var z = logits.AsSpan(i * classes, classes);
            var best = ArgMax(i);
            var rowLoss = LogSumExp(z) - double.CreateTruncating(z[_labels[i]]);
            lossSum += double.IsFinite(rowLoss) ? Math.Min(rowLoss, MaxRowLoss) : MaxRowLoss;
            if (best == _labels[i] && T.IsFinite(z[best]))
            {
                correct++;
            }
        }

        return (lossSum, correct);
    }

    /// <summary>The predicted class of loaded row <paramref name="row"/> after <see cref="Forward"/>.</summary>
    public int ArgMax(int row)
    {
        var classes = _sizes[LayerCount];
        var z = _activations[LayerCount].AsSpan(row * classes, classes);
        var best = 0;
        for (var c = 1; c < classes; c++)
        {
            if (z[c] > z[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>W_l inside <paramref name="theta"/>.</summary>
    public Span<T> WeightSpan(T[] theta, int layer) =>
        theta.AsSpan(_weightOffsets[layer], _sizes[layer - 1] * _sizes[layer]);

    /// <summary>b_l inside <paramref name="theta"/>.</summary>
    public Span<T> BiasSpan(T[] theta, int layer) => theta.AsSpan(_biasOffsets[layer], _sizes[layer]);

    private static double LogSumExp(ReadOnlySpan<T> z)
    {
        var max = double.NegativeInfinity;
        foreach (var v in z)
        {
            max = Math.Max(max, double.CreateTruncating(v));
        }

        var sum = 0.0;
        foreach (var v in z)
        {
            sum += Math.Exp(double.CreateTruncating(v) - max);
        }

        return max + Math.Log(sum);
    }

    /// <summary>Replaces logits <paramref name="z"/> by softmax(z) and returns -log softmax(z)[label].</summary>
    private static double SoftmaxInPlace(Span<T> z, int label)
    {
        var max = z[0];
        for (var c = 1; c < z.Length; c++)
        {
            max = T.Max(max, z[c]);
        }

        var shiftedLabel = double.CreateTruncating(z[label] - max);
        var sum = T.Zero;
        for (var c = 0; c < z.Length; c++)
        {
            z[c] = T.Exp(z[c] - max);
            sum += z[c];
        }

        var loss = Math.Log(double.CreateTruncating(sum)) - shiftedLabel;
        var inverse = T.One / sum;
        for (var c = 0; c < z.Length; c++)
        {
            z[c] *= inverse;
        }

        return loss;
    }
}
