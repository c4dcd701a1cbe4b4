using ActorTuner.Core.Randomness;
using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Digits;

public class MlpNetworkTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-2, 0.0)]
    [InlineData(1e-2, 0.3)]
    public void Backprop_gradient_equals_central_finite_differences(double decay, double dropout)
    {
        const int rows = 6;
        var rng = new Rng(11);
        var features = Enumerable.Range(0, rows * 5).Select(_ => (float)rng.NextDouble()).ToArray();
        var data = new LabelledSet(features, [0, 1, 2, 0, 1, 2], featureCount: 5, classCount: 3);
        var net = new MlpNetwork<double>([5, 4, 4, 3], capacity: rows);
        net.InitializeHe(rng);
        for (var j = 0; j < net.Parameters.Length; j++)
        {
            net.Parameters[j] += 0.1 * rng.NextGaussian();
        }

        net.Load(data, 0, rows);
        net.DrawMasks(rows, dropout, rng);
        double Loss()
        {
            net.Forward(rows, training: true);
            return net.Backward(rows, decay);
        }

        Loss();
        var analytic = net.Gradient.ToArray();
        const double h = 1e-6;
        for (var j = 0; j < net.Parameters.Length; j++)
        {
            var theta = net.Parameters[j];
            net.Parameters[j] = theta + h;
            var plus = Loss();
            net.Parameters[j] = theta - h;
            var minus = Loss();
            net.Parameters[j] = theta;
            var numeric = (plus - minus) / (2 * h);
            Math.Abs(numeric - analytic[j]).ShouldBeLessThan(1e-7 + (1e-5 * Math.Abs(analytic[j])), $"parameter {j}");
        }

        // Dead ReLU units zero some entries; most must still be exercised.
        analytic.Count(g => g != 0).ShouldBeGreaterThan(analytic.Length / 3);
    }

    [Fact]
    public void Score_clips_a_row_loss_at_minus_log_1e_15()
    {
        var data = new LabelledSet(new float[] { 1, 1 }, [0], featureCount: 2, classCount: 2);
        var net = new MlpNetwork<float>([2, 2], capacity: 1);
        net.Parameters.AsSpan().Clear();
        net.BiasSpan(net.Parameters, 1)[1] = 1e6f;
        net.Load(data, 0, 1);
        net.Forward(1, training: false);

        var (loss, correct) = net.Score(1);

        loss.ShouldBe(-Math.Log(1e-15), 1e-9);
        correct.ShouldBe(0);
    }
}
