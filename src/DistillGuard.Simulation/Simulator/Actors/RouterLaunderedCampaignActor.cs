using DistillGuard.Simulation.Simulator.Engine;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// Laundering through a legitimate router (<c>router-laundered</c>): attacker end users inside the host router's
/// account, harvesting with the router's addresses, software and headers. Only the end users are labelled.
/// </summary>
internal sealed class RouterLaunderedCampaignActor : EndUserCampaignActor
{
    private readonly RouterHost _host;
    private readonly List<EndUserHarvester> _harvesters = [];

    public RouterLaunderedCampaignActor(SimulationContext context, RouterLaunderedCampaignSpec spec, RouterHost host)
        : base(context, spec)
    {
        _host = host;
        var count = context.Scaled(spec.EndUsers);
        for (var i = 0; i < count; i++)
        {
            _harvesters.Add(NewHarvester(context.CreateEndUser(host.Account, Group), spec.ActiveDayProbability, spec.ExchangesPerActiveDay));
        }
    }

    public override void Generate(int day)
    {
        foreach (var harvester in _harvesters)
        {
            Generate(day, harvester, _host);
        }
    }
}
