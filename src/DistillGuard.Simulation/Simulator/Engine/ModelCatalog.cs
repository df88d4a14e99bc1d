namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>The models a scenario serves and when each becomes available.</summary>
internal sealed class ModelCatalog
{
    private readonly SimModel[] _models;

    public ModelCatalog(Scenario scenario, DateTimeOffset start)
    {
        _models = [.. scenario.Models.Select(m => new SimModel(
            m.Name,
            m.Tier,
            m.Reasoning,
            m.ReleaseDay == 0 ? start : start.AddDays(m.ReleaseDay).AddHours(m.ReleaseHour),
            m.ReleaseDay > 0))];
        NewReleases = [.. _models.Where(m => m.IsNewRelease).OrderBy(m => m.ReleasedAt)];
    }

    public IReadOnlyList<SimModel> All => _models;

    /// <summary>Gets the models released during the simulation, in release order.</summary>
    public IReadOnlyList<SimModel> NewReleases { get; }

    public IReadOnlyList<SimModel> AvailableAt(DateTimeOffset at) => [.. _models.Where(m => !m.IsNewRelease || m.ReleasedAt <= at)];

    /// <summary>Gets the newest model of <paramref name="tier"/> available at <paramref name="at"/>, or the closest other tier when there is none.</summary>
    public SimModel Latest(ModelTier tier, DateTimeOffset at) => LatestAdopted(tier, at, TimeSpan.Zero);

    /// <summary>Like <see cref="Latest"/>, but a model released during the simulation counts only <paramref name="delay"/> after its release.</summary>
    public SimModel LatestAdopted(ModelTier tier, DateTimeOffset at, TimeSpan delay)
    {
        var best = Newest(tier, at, delay);
        if (best is not null)
        {
            return best;
        }

        // No model of that tier: fall back to the most capable tier there is.
        foreach (var fallback in new[] { ModelTier.Flagship, ModelTier.Mini, ModelTier.Fast })
        {
            best = Newest(fallback, at, delay);
            if (best is not null)
            {
                return best;
            }
        }

        return _models.MinBy(m => m.ReleasedAt)!;
    }

    private SimModel? Newest(ModelTier tier, DateTimeOffset at, TimeSpan delay)
    {
        SimModel? best = null;
        foreach (var model in _models)
        {
            // Models served from the start were released before it; they are usable at any time.
            var usable = !model.IsNewRelease || model.ReleasedAt + delay <= at;
            if (model.Tier == tier && usable && (best is null || model.ReleasedAt > best.ReleasedAt))
            {
                best = model;
            }
        }

        return best;
    }
}
