using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>Creates the actors a scenario describes, in scenario order, with counts multiplied by the scale.</summary>
internal static class ActorBuilder
{
    public static List<Actor> Build(SimulationContext context)
    {
        var scenario = context.Scenario;
        var actors = new List<Actor>();
        var routers = new Dictionary<string, List<RouterActor>>(StringComparer.Ordinal);
        var routerIndex = 0;
        var tutoringIndex = 0;
        foreach (var population in scenario.Populations)
        {
            var count = context.Scaled(population.Count);
            for (var i = 0; i < count; i++)
            {
                switch (population)
                {
                    case ChatPopulationSpec chat:
                        actors.Add(new ChatUserActor(context, chat));
                        break;
                    case CompanyPopulationSpec company:
                        actors.Add(new CompanyActor(context, company));
                        break;
                    case RouterPopulationSpec router:
                        // Routers and their end users both scale; together the end users must grow with the scale, not its square.
                        var endUserFactor = router.Count * context.Scale / count;
                        var actor = new RouterActor(context, router, routerIndex++, endUserFactor);
                        actors.Add(actor);
                        if (!routers.TryGetValue(router.PopulationName, out var list))
                        {
                            routers[router.PopulationName] = list = [];
                        }

                        list.Add(actor);
                        break;
                    case BatchPopulationSpec batch:
                        actors.Add(new BatchActor(context, batch));
                        break;
                    case EvalHarnessPopulationSpec harness:
                        actors.Add(new EvalHarnessActor(context, harness));
                        break;
                    case LogprobsPopulationSpec logprobs:
                        actors.Add(new LogprobsActor(context, logprobs));
                        break;
                    case TutoringPopulationSpec tutoring:
                        // Like a router's end users, the students must grow with the scale, not its square.
                        actors.Add(new TutoringAppActor(context, tutoring, tutoringIndex++, tutoring.Count * context.Scale / count));
                        break;
                    case LicensedSyntheticPopulationSpec licensed:
                        actors.Add(new LicensedSyntheticActor(context, licensed));
                        break;
                    default:
                        throw new InvalidOperationException($"No simulator for population kind '{population.Kind}'.");
                }
            }
        }

        var hydras = 0;
        foreach (var campaign in scenario.Campaigns)
        {
            actors.Add(campaign switch
            {
                OvertCampaignSpec overt => new OvertCampaignActor(context, overt),
                HydraCampaignSpec hydra => new HydraCampaignActor(context, hydra, hydras++),
                RouterLaunderedCampaignSpec laundered => new RouterLaunderedCampaignActor(context, laundered, HostFor(laundered.Id, laundered.HostPopulation, routers)),
                ResellerCampaignSpec reseller => new ResellerCampaignActor(context, reseller),
                LowSlowCampaignSpec lowSlow => new LowSlowCampaignActor(context, lowSlow),
                MultilingualCampaignSpec multilingual => new MultilingualCampaignActor(context, multilingual),
                ParaphraseHydraCampaignSpec paraphrase => new ParaphraseHydraActor(context, paraphrase),
                RouterResoldCampaignSpec resold => new ParaphraseHydraActor(context, resold, HostFor(resold.Id, resold.HostPopulation, routers)),
                _ => throw new InvalidOperationException($"No simulator for campaign kind '{campaign.Kind}'."),
            });
        }

        return actors;
    }

    private static RouterHost HostFor(string campaign, string population, Dictionary<string, List<RouterActor>> routers) =>
        routers.TryGetValue(population, out var list) && list.Count > 0
            ? list[0].Host
            : throw new ScenarioException($"campaign '{campaign}': host_population '{population}' has no router to hide in");
}
