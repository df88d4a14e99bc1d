using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>A simulated billing account: its id, API keys, billing facts and subject.</summary>
internal sealed class Account(string id, IReadOnlyList<string> apiKeys, BillingInfo billing, Subject subject)
{
    public string Id { get; } = id;

    public IReadOnlyList<string> ApiKeys { get; } = apiKeys;

    public BillingInfo Billing { get; } = billing;

    public Subject Subject { get; } = subject;

    public DateTimeOffset SignedUpAt => Billing.SignupTimestamp ?? DateTimeOffset.MinValue;

    /// <summary>Picks the key a request uses: mostly the first, sometimes another.</summary>
    public string Key(SimRandom random) => ApiKeys.Count == 1 || random.Chance(0.75) ? ApiKeys[0] : random.Pick(ApiKeys);
}
