using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A campaign whose harvesting runs as end users behind someone's router-like account, so every request reaches the
/// provider through that account's infrastructure and headers.
/// </summary>
internal abstract class EndUserCampaignActor : CampaignActor
{
    private static readonly int[] Budgets = [4096, 8192, 8192, 16384];
    private static readonly double[] OperatorOffsets = [8, 8, 3, 1, -5, 5.5, 7];

    protected EndUserCampaignActor(SimulationContext context, CampaignSpec spec)
        : base(context, spec)
    {
        Sweep = new HarvestSweep(context.Corpus, Random, Random.Chance(0.5) ? HarvestSweep.TopicFirst : HarvestSweep.ReasoningHeavy, Random.NextDouble());
        var families = context.Phrasebook.TemplateFamilies;
        Family = Random.Pick(families);
        Wrappers = FavouriteWrappers(context.Phrasebook.Wrappers, 3, 6);
    }

    protected HarvestSweep Sweep { get; }

    protected TemplateFamily Family { get; }

    protected IReadOnlyList<CoercionWrapper> Wrappers { get; }

    protected EndUserHarvester NewHarvester(Subject subject, double activeDayProbability, IntRange perDay) => new(
        subject,
        new HarvestSettings
        {
            MaxTokens = Random.Chance(0.5) ? Random.Pick(Budgets) : null,
            MaxCompletionTokens = Random.Chance(0.5) ? Random.Pick(Budgets) * 2 : null,
            ReasoningEffort = Random.Chance(0.7) ? "high" : null,
            Temperature = Random.Chance(0.5) ? 0.7 : null,
            AnswerTokens = 1600,
        },
        activeDayProbability,
        perDay,
        Random.Pick(OperatorOffsets),
        Random.Chance(0.3) ? SystemPrompts.Helpful : null);

    protected void Generate(int day, EndUserHarvester harvester, RouterHost host)
    {
        if (!IsActiveDay(day) || !Random.Chance(harvester.ActiveDayProbability))
        {
            return;
        }

        var sliceStart = DayStart(day);
        var remaining = Random.In(harvester.PerDay);
        var bursts = Random.Next(1, 4);
        for (var burst = 0; burst < bursts && remaining > 0; burst++)
        {
            var count = burst == bursts - 1 ? remaining : Random.Next(1, remaining + 1);
            remaining -= count;
            var at = Diurnal.Sample(sliceStart, harvester.UtcOffsetHours, Diurnal.LongHours, Random);
            for (var i = 0; i < count; i++)
            {
                var item = Sweep.Next();
                var template = Random.Chance(0.8) ? Random.Pick(Family.Variants) : null;
                var request = Harvest(at, item, item.Question, template, MaybeWrap(Wrappers), harvester.System, harvester.Settings);
                var endUser = harvester.Subject.EndUserId;
                Context.Exchanges.Emit(at, host.Account, harvester.Subject, endUser, host.Client(Random), host.Forward(request, endUser), Random, ErrorProfile.Automated);
                at = at.AddSeconds(Random.LogNormal(35, 0.6));
            }
        }
    }
}
