using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>What every distillation campaign shares: its label, its active days, the pivot to a new flagship, and how it builds a harvesting request.</summary>
internal abstract class CampaignActor : Actor
{
    private static readonly TimeSpan Never = TimeSpan.FromDays(3650);

    protected CampaignActor(SimulationContext context, CampaignSpec spec)
        : base(context)
    {
        Spec = spec;
        Group = new SimulationGroupKey(spec.Id, spec.Kind, SubjectLabel.Distillation);
        PivotDelay = TimeSpan.FromHours(Random.In(spec.PivotDelayHours));
        LastDay = Math.Min(spec.EndDay ?? context.Days - 1, context.Days - 1);
    }

    protected CampaignSpec Spec { get; }

    protected SimulationGroupKey Group { get; }

    protected TimeSpan PivotDelay { get; }

    protected int LastDay { get; }

    protected bool IsActiveDay(int day) => day >= Spec.StartDay && day <= LastDay;

    /// <summary>Gets the flagship the campaign harvests at <paramref name="at"/>: a new release once the pivot delay has passed.</summary>
    protected SimModel Flagship(DateTimeOffset at) =>
        Context.Models.LatestAdopted(ModelTier.Flagship, at, Spec.PivotToNewModel ? PivotDelay : Never);

    /// <summary>Picks a coercion wrapper for this request with the campaign's coercion share, or none.</summary>
    protected CoercionWrapper? MaybeWrap(IReadOnlyList<CoercionWrapper> wrappers) =>
        wrappers.Count > 0 && Random.Chance(Spec.CoercionShare) ? Random.Pick(wrappers) : null;

    /// <summary>Picks the campaign's own subset of the catalogue's wrappers, as one operation reuses a few favourites.</summary>
    protected IReadOnlyList<CoercionWrapper> FavouriteWrappers(IReadOnlyList<CoercionWrapper> pool, int min, int max) =>
        pool.Count == 0 ? [] : Random.Sample(pool, Random.Next(min, max + 1));

    protected RequestSpec Harvest(DateTimeOffset at, HarvestItem item, string question, string? template, CoercionWrapper? wrapper, string? system, HarvestSettings settings, string language = "en")
    {
        var messages = HarvestPrompts.Compose(question, item, template, wrapper, system, Random);
        var coerced = wrapper is not null;
        return new RequestSpec
        {
            Model = Flagship(at),
            Messages = messages,
            Temperature = settings.Temperature,
            TopP = settings.TopP,
            N = settings.N,
            MaxTokens = settings.MaxTokens,
            MaxCompletionTokens = settings.MaxCompletionTokens,
            Logprobs = settings.Logprobs,
            TopLogprobs = settings.TopLogprobs,
            ReasoningEffort = settings.ReasoningEffort,
            Stream = settings.Stream,
            Kind = item.Kind,
            Language = wrapper is { Language: not "en" and not "mixed" } ? wrapper.Language : language,
            Stepwise = coerced,
            AnswerTokens = settings.AnswerTokens * Random.LogNormal(1, 0.35) * (coerced ? 1.5 : 1),
        };
    }
}
