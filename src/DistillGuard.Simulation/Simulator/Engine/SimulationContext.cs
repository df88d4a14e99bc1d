using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>Everything the actors of one simulation run share: the scenario, time, models, corpora, phrasings, ids and the output buffer.</summary>
internal sealed class SimulationContext
{
    private readonly SimRandom _root;
    private readonly List<Subject> _subjects = [];

    public SimulationContext(Scenario scenario, int seed, double scale)
    {
        Scenario = scenario;
        Scale = scale;
        Start = scenario.Start.ToUniversalTime();
        Days = scenario.Days;
        End = Start.AddDays(Days);
        _root = new SimRandom(unchecked((ulong)(uint)seed) ^ 0x5D15_7111_6A2D_0001UL);
        Ids = new IdFactory(_root.Fork());
        Models = new ModelCatalog(scenario, Start);
        Corpus = PromptCorpus.LoadEmbedded();
        Phrasebook = new Phrasebook(scenario.Phrasings);
        Buffer = new DayBuffer();
        Exchanges = new ExchangeFactory(Buffer);
    }

    public Scenario Scenario { get; }

    public double Scale { get; }

    public DateTimeOffset Start { get; }

    public int Days { get; }

    public DateTimeOffset End { get; }

    public ModelCatalog Models { get; }

    public PromptCorpus Corpus { get; }

    public Phrasebook Phrasebook { get; }

    public IdFactory Ids { get; }

    public DayBuffer Buffer { get; }

    public ExchangeFactory Exchanges { get; }

    /// <summary>Gets the accounts the provider allow-lists (licensed customers), in the order they were created.</summary>
    public List<AllowListEntry> AllowList { get; } = [];

    /// <summary>Gets every subject, in the order they were created.</summary>
    public IReadOnlyList<Subject> Subjects => _subjects;

    /// <summary>Creates an independent generator for an actor or a component.</summary>
    public SimRandom Fork() => _root.Fork();

    public DateTimeOffset DayStart(int day) => Start.AddDays(day);

    /// <summary>Multiplies a count by the scale, keeping at least one of anything that is not zero.</summary>
    public int Scaled(int count) => count <= 0 ? 0 : Math.Max(1, (int)Math.Round(count * Scale));

    public Account CreateAccount(BillingInfo billing, SimulationGroupKey group, int keys = 1)
    {
        var id = Ids.Account();
        var subject = Register(new Subject(id, null, MakeLabel(id, null, group), group, null));
        var apiKeys = Enumerable.Range(0, Math.Max(1, keys)).Select(_ => Ids.ApiKey()).ToArray();
        return new Account(id, apiKeys, billing, subject);
    }

    public Subject CreateEndUser(Account account, SimulationGroupKey group)
    {
        var id = Ids.EndUser();
        return Register(new Subject(account.Id, id, MakeLabel(account.Id, id, group), group, account.Subject));
    }

    private Subject Register(Subject subject)
    {
        _subjects.Add(subject);
        return subject;
    }

    private static SubjectLabel? MakeLabel(string accountId, string? endUserId, SimulationGroupKey group) => group.Label switch
    {
        SubjectLabel.Benign => new SubjectLabel { AccountId = accountId, EndUserId = endUserId, Label = SubjectLabel.Benign, Population = group.Name },
        SubjectLabel.Distillation => new SubjectLabel { AccountId = accountId, EndUserId = endUserId, Label = SubjectLabel.Distillation, Campaign = group.Name },
        _ => null,
    };
}
