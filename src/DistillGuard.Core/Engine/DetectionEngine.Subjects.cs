using DistillGuard.Core.Findings;
using DistillGuard.Core.Linking;

namespace DistillGuard.Core.Engine;

/// <summary>Queries of single subjects, for a service that answers about one subject at a time.</summary>
public sealed partial class DetectionEngine
{
    /// <summary>Gets the keys of every subject tracked: accounts first, in the order first seen, then end users.</summary>
    /// <returns>The keys.</returns>
    public IEnumerable<SubjectKey> SubjectKeys()
    {
        foreach (var account in _byIndex)
        {
            yield return account.State.Key;
        }

        foreach (var endUser in _endUsers.Values)
        {
            yield return endUser.Key;
        }
    }

    /// <summary>
    /// Describes one subject as <see cref="GetFindings"/> would (verdict, score, campaign, each signal's contribution
    /// and evidence), without re-evaluating campaigns; null when the subject was never seen.
    /// </summary>
    /// <param name="key">The subject.</param>
    /// <returns>The finding, or null.</returns>
    public SubjectFinding? DescribeSubject(SubjectKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (GetSubject(key) is not { } state)
        {
            return null;
        }

        return key.EndUserId is null ? Describe(state, ContextOf(state)) : Describe(state, default);
    }

    /// <summary>Re-evaluates campaigns now and answers them alone, without describing every subject.</summary>
    /// <returns>The campaigns, by id.</returns>
    public IReadOnlyList<CampaignFinding> GetCampaigns()
    {
        Tick(_now);
        return DescribeCampaigns();
    }

    /// <summary>
    /// Gets the shared values that tie a campaign's members, each with the member accounts that share it (the same
    /// values as <see cref="CampaignFinding.Links"/>, at most <paramref name="max"/>), for a link graph; empty for a
    /// campaign that does not exist. Campaigns as last evaluated (<see cref="GetCampaigns"/> re-evaluates them).
    /// </summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="max">The most values answered, the most widely shared first.</param>
    /// <returns>The ties.</returns>
    public IReadOnlyList<CampaignTie> DescribeCampaignTies(string campaignId, int max)
    {
        foreach (var (root, campaign) in _campaigns)
        {
            if (campaign.Id == campaignId && _links.Find(root) == root)
            {
                var members = new HashSet<int>(_links.Members(root));
                return [.. _links.TiesOf(members, max).Select(t => new CampaignTie
                {
                    Kind = t.Kind.Name(),
                    Value = t.Value,
                    Accounts = [.. t.Members.Select(m => _byIndex[m].State.Key.AccountId).Order(StringComparer.Ordinal)],
                })];
            }
        }

        return [];
    }

    /// <summary>Gets the accounts linked with an account (itself included), whether or not they form a flagged campaign.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The account ids, ordinal order; empty for an account never seen.</returns>
    internal IReadOnlyList<string> LinkedAccounts(string accountId)
    {
        if (!_accounts.TryGetValue(accountId, out var entry))
        {
            return [];
        }

        return [.. _links.Members(_links.Find(entry.Index)).Select(m => _byIndex[m].State.Key.AccountId).Order(StringComparer.Ordinal)];
    }

    private List<CampaignFinding> DescribeCampaigns()
    {
        var campaigns = new List<CampaignFinding>();
        foreach (var (root, campaign) in _campaigns)
        {
            if (campaign.Id is not null && _links.Find(root) == root)
            {
                campaigns.Add(DescribeCampaign(root, campaign));
            }
        }

        campaigns.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return campaigns;
    }
}
