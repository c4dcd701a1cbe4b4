using System.Collections.Immutable;
using ActorTuner.Actors.Workers;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Cluster;

/// <summary>A worker node's capacity and pacing.</summary>
/// <param name="Slots">Trials run at once (each slot has its own objective runner, and device when <paramref name="Devices"/> are given).</param>
/// <param name="Tags">What the node offers (e.g. <c>gpu</c>); a study's <c>objective.requires</c> must be among them.</param>
/// <param name="Devices">
/// Accelerator indices handed out one per slot as <c>CUDA_VISIBLE_DEVICES</c> (slot i gets <c>Devices[i % Count]</c>);
/// empty: the variable is left alone.
/// </param>
/// <param name="Worker">How each slot's worker paces its conversation with a study.</param>
/// <param name="StatusEvery">How often the node publishes its <see cref="WorkerNodeStatus"/>.</param>
/// <param name="Forget">A study not announced for this long is forgotten (its coordinator is gone and it has not been re-hosted yet).</param>
public sealed record WorkerNodeSettings(int Slots, ImmutableArray<string> Tags, ImmutableArray<string> Devices, WorkerSettings Worker, TimeSpan StatusEvery, TimeSpan Forget)
{
    /// <summary><paramref name="slots"/> slots with <paramref name="tags"/>, one device per slot when the node is tagged <c>gpu</c>; a slot asks its study again after 10 s without an answer.</summary>
    public static WorkerNodeSettings Create(int slots, IEnumerable<string>? tags = null, IEnumerable<string>? devices = null)
    {
        var tagList = (tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        var deviceList = devices?.ToImmutableArray()
            ?? (tagList.Contains("gpu") ? [.. Enumerable.Range(0, Math.Max(slots, 0)).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))] : []);
        // Asks time out after 10 s, not the default 2 min: a command sent while the study's coordinator has just
        // died goes to that dead node and is lost (the shard region buffers only once the node is removed), and
        // the slot waited the whole timeout before sending it again, so a failover stalled the study for 2 min.
        // A request asked again is safe: the study releases an attempt whose assignment never reached its worker.
        var worker = WorkerSettings.Default with { LeaveWhenIdle = true, AskTimeout = TimeSpan.FromSeconds(10) };
        var settings = new WorkerNodeSettings(slots, tagList, deviceList, worker, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        settings.Validate();
        return settings;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting when it is unusable.</summary>
    public void Validate()
    {
        if (Slots < 0 || Slots > 1024)
        {
            throw new ArgumentException($"slots: expected 0 to 1024 trials at once, got {Slots}");
        }

        foreach (var tag in Tags)
        {
            if (!StudyObjective.IsTag(tag))
            {
                throw new ArgumentException($"tags: '{tag}' is not a tag; use 1 to 64 letters, digits, '-', '_' or '.'");
            }
        }

        foreach (var device in Devices)
        {
            if (string.IsNullOrWhiteSpace(device) || device.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"devices: '{device}' is not a device index (give one index or UUID per device)");
            }
        }

        if (!Worker.LeaveWhenIdle)
        {
            throw new ArgumentException("worker: a cluster worker must leave a study that has nothing for it (LeaveWhenIdle), or its slot would wait on that study forever");
        }
    }
}
