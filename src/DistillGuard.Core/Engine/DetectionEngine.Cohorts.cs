using System.Globalization;
using DistillGuard.Core.Linking;

namespace DistillGuard.Core.Engine;

// Cohorts: accounts created close together that behave alike.
public sealed partial class DetectionEngine
{
    /// <summary>
    /// Ties cohorts: accounts whose sign-ups fall in one <see cref="DetectionOptions.CohortWindow"/> and whose behaviour
    /// has the same key (<see cref="CohortBehaviour"/>), at least <see cref="DetectionOptions.MinCohortAccounts"/> of them,
    /// each paying with a card of its own. Each such cohort is a <see cref="LinkKind.SignupCohort"/> value whose
    /// accounts are tied, and is then scored as a whole, on the merge of its members' states, like any campaign.
    /// </summary>
    /// <remarks>
    /// Unrelated customers who signed up in the same days differ in what they ask, how they converse and what they take
    /// away, so they rarely share a key; if they do, their merged state is still theirs, and scores as such. A key once
    /// given stays (unions are monotonic); an account whose behaviour later changes may join a second cohort.
    /// </remarks>
    private static bool PaysAlone(AccountEntry account)
    {
        foreach (var value in account.Values)
        {
            if (value.Kind == LinkKind.PaymentFingerprint)
            {
                return value.Accounts.Count == 1;
            }
        }

        return false;
    }

    private void TieCohorts()
    {
        if (_options.MinCohortAccounts == 0)
        {
            return;
        }

        var windowTicks = _options.CohortWindow.Ticks;
        var groups = new Dictionary<string, List<AccountEntry>>(StringComparer.Ordinal);
        foreach (var account in _byIndex)
        {
            // Only accounts that pay alone: accounts on one card are tied already, and a company's staff or a farm's
            // accounts on bulk cards must not pull other operations signed up in the same days into their campaign.
            if (account.State.Signup is not { } signup || !PaysAlone(account) || CohortBehaviour.KeyOf(account.State) is not { } behaviour)
            {
                continue;
            }

            // Two tilings of the time line, the second shifted by half a window, so that a cohort that straddles one
            // tiling's boundary falls whole into the other's window.
            for (var shift = 0L; shift < windowTicks; shift += windowTicks / 2)
            {
                var start = signup.UtcTicks - shift;
                var window = new DateTimeOffset(start - (start % windowTicks) + shift, TimeSpan.Zero);
                var key = string.Create(CultureInfo.InvariantCulture, $"{window:yyyy-MM-ddTHH}Z+{_options.CohortWindow.TotalDays:0.#}d/{behaviour}");
                if (!groups.TryGetValue(key, out var members))
                {
                    members = [];
                    groups[key] = members;
                }

                members.Add(account);
            }
        }

        foreach (var (key, members) in groups)
        {
            if (members.Count < _options.MinCohortAccounts)
            {
                continue;
            }

            foreach (var member in members)
            {
                if (member.Values.Any(v => v.Kind == LinkKind.SignupCohort && v.Value == key))
                {
                    continue;
                }

                member.Values.Add(_links.Add(LinkKind.SignupCohort, key, member.Index, member.PaymentHash));
            }

            var root = _links.Find(members[0].Index);
            if (_links.ComponentSize(root) >= _options.MinCampaignAccounts)
            {
                _dirtyRoots.Add(root);
            }
        }
    }
}
