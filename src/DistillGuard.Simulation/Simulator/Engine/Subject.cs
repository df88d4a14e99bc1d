using DistillGuard.Core.Findings;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>A simulated subject (an account, or an end user behind one), its label and what it sent.</summary>
internal sealed class Subject(string accountId, string? endUserId, SubjectLabel? label, SimulationGroupKey group, Subject? parentAccount)
{
    public string AccountId { get; } = accountId;

    public string? EndUserId { get; } = endUserId;

    /// <summary>Gets the label written for the subject, or <see langword="null"/> for subjects excluded from evaluation.</summary>
    public SubjectLabel? Label { get; } = label;

    /// <summary>Gets the population or campaign the subject is counted under.</summary>
    public SimulationGroupKey Group { get; } = group;

    /// <summary>Gets the account subject an end user sits behind.</summary>
    public Subject? ParentAccount { get; } = parentAccount;

    /// <summary>Gets how many exchanges the subject itself sent (for an account: those without an end user).</summary>
    public long Exchanges { get; private set; }

    /// <summary>Gets whether any exchange names the subject (for an account: with or without an end user).</summary>
    public bool Seen { get; private set; }

    public void Count()
    {
        Exchanges++;
        Seen = true;
        if (ParentAccount is not null)
        {
            ParentAccount.Seen = true;
        }
    }
}
