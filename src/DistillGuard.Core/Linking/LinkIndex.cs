using System.Globalization;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Linking;

/// <summary>
/// Which accounts share which attribute values, and the union-find over accounts that those shared values build.
/// </summary>
/// <remarks>
/// <para>Strong values tie accounts directly: a payment fingerprint, a residential proxy address that two
/// address-rotating accounts used within the same hour.</para>
/// <para>Weak values (a TLS fingerprint with user agent, an e-mail domain, a sign-up hour, a dominant prompt template)
/// tie accounts only when they look like a farm's, which is measured, not listed: the value spans several payment
/// methods, and most of its accounts pay with bulk methods (cards shared by <see cref="BulkPaymentAccounts"/> accounts
/// or more, as in "312 accounts on 14 payment fingerprints"). gmail.com or a popular SDK's fingerprint is shared by
/// thousands of customers who each pay with their own card, and several small companies on a popular app template each
/// pay with one card for a handful of accounts: neither ties. Weak values are decided at each campaign tick
/// (<see cref="EvaluatePending"/>), as their accounts accumulate.</para>
/// <para>Weak values (each shared by at least <see cref="MinWeakAccounts"/> accounts) also tie by rarity, whatever the accounts pay with: the weight of a value is its inverse document
/// frequency over all accounts, ln(N / k) for a value shared by k of N accounts (Spärck Jones, 1972). Accounts on
/// different payment methods are tied when two rare values of different kinds (each at least <see cref="MinRarity"/>)
/// share far more of them than chance would (<see cref="RaritySurprise"/> times k₁·k₂ / N): twelve accounts that each
/// pay with their own card but share a rare e-mail domain and a rare TLS fingerprint with user agent are one operator;
/// twelve gmail.com accounts with a popular SDK's fingerprint share nothing rare, and two smallish free-mail domains
/// and browser builds overlap by chance, which does not tie. One rare value alone (a niche client, a university's
/// domain) never ties, and rarity is judged only once <see cref="MinRarityPopulation"/> accounts are known.</para>
/// <para>Unions are monotonic (Tarjan's union-find with path halving and union by size): a link once made stays.</para>
/// <para>Values are enumerated (<see cref="LinksOf"/>) in slot order, where a new value takes the slot that a dropped
/// proxy value freed last, or else a new one at the end: the order in which a <see cref="Dictionary{TKey, TValue}"/>
/// enumerates after removals, kept explicitly so that a checkpoint (<see cref="WriteCheckpoint"/>) restores it and a
/// restored index lists tied links in the same order as one that never stopped.</para>
/// </remarks>
internal sealed partial class LinkIndex
{
    /// <summary>A payment method shared by at least this many accounts is a bulk method (an account farm's card).</summary>
    public const int BulkPaymentAccounts = 7;

    /// <summary>A weak value ties its accounts when at least this share of them pay with bulk methods.</summary>
    public const double WeakBulkShare = 0.6;

    /// <summary>A weak value shared by more distinct payment methods than this is a population, not a farm.</summary>
    public const int MaxFarmPayments = 64;

    /// <summary>The fewest accounts a weak value must tie.</summary>
    public const int MinWeakAccounts = 4;

    /// <summary>The most accounts remembered per value; a value shared more widely keeps counting but lists no more.</summary>
    public const int MaxAccountsPerValue = 4096;

    /// <summary>The fewest accounts known before a value's rarity is judged (below it, every value looks rare).</summary>
    public const int MinRarityPopulation = 200;

    /// <summary>The least rarity, ln(N / k), of each of the two values that tie accounts by rarity: one account in twenty.</summary>
    public static readonly double MinRarity = Math.Log(20);

    /// <summary>How many times more accounts than independent values would share two rare values must share them to be tied.</summary>
    public const double RaritySurprise = 20;

    /// <summary>The most accounts a value may have to be looked at for rarity ties (bounds the work of a tick).</summary>
    public const int MaxRareAccounts = 512;

    private readonly Dictionary<(LinkKind, string), LinkValue> _values = [];
    private readonly List<LinkValue?> _slots = [];
    private readonly List<int> _freeSlots = [];
    private readonly List<int> _parent = [];
    private readonly List<int> _size = [];
    private readonly List<List<int>?> _members = [];
    private readonly List<LinkValue?> _paymentOf = [];
    private readonly List<List<LinkValue>?> _weakOf = [];
    private readonly List<LinkValue> _pending = [];
    private readonly Queue<(long Hour, List<string> Keys)> _proxyHours = new();
    private long _newestProxyHour = long.MinValue;
    private List<string>? _newestProxyKeys;

    /// <summary>Raised when two components merge: (surviving root, absorbed root).</summary>
    public event Action<int, int>? Merged;

    /// <summary>Gets the number of accounts.</summary>
    public int Count => _parent.Count;

    /// <summary>Adds an account and returns its index.</summary>
    public int AddAccount()
    {
        var index = _parent.Count;
        _parent.Add(index);
        _size.Add(1);
        _members.Add(null);
        _paymentOf.Add(null);
        _weakOf.Add(null);
        return index;
    }

    /// <summary>Records that an account has a value, and returns the value's entry.</summary>
    public LinkValue Add(LinkKind kind, string value, int account, ulong paymentHash)
    {
        if (!_values.TryGetValue((kind, value), out var entry))
        {
            entry = new LinkValue(kind, value) { Slot = TakeSlot() };
            _slots[entry.Slot] = entry;
            _values[(kind, value)] = entry;
        }

        if (entry.Accounts.Count > 0 && entry.Accounts[^1] == account)
        {
            return entry;
        }

        // Callers register each value once per account, so no membership scan is needed.
        if (entry.Accounts.Count < MaxAccountsPerValue)
        {
            entry.Accounts.Add(account);
            entry.Payments.Add(paymentHash);
        }
        else
        {
            return entry;
        }

        if (kind == LinkKind.PaymentFingerprint)
        {
            _paymentOf[account] = entry;
        }

        switch (kind)
        {
            case LinkKind.PaymentFingerprint:
            case LinkKind.ProxyAddress:
            case LinkKind.NearDuplicatePrompts:
            case LinkKind.SignupCohort:
                Union(entry.Accounts[0], account);
                break;
            default:
                (_weakOf[account] ??= []).Add(entry);
                if (entry.Linking)
                {
                    Union(entry.Accounts[0], account);
                }
                else if (!entry.Common && !entry.Pending && entry.Accounts.Count >= MinWeakAccounts)
                {
                    entry.Pending = true;
                    _pending.Add(entry);
                }

                break;
        }

        return entry;
    }

    /// <summary>Ties two accounts by a strong value they share (each registered once), and returns the value.</summary>
    public LinkValue Tie(LinkKind kind, string value, int first, ulong firstPayment, int second, ulong secondPayment)
    {
        var entry = Add(kind, value, first, firstPayment);
        if (!entry.Accounts.Contains(second))
        {
            entry = Add(kind, value, second, secondPayment);
        }

        return entry;
    }

    /// <summary>Finds an account's component root.</summary>
    public int Find(int account)
    {
        while (_parent[account] != account)
        {
            _parent[account] = _parent[_parent[account]];
            account = _parent[account];
        }

        return account;
    }

    /// <summary>Gets the size of an account's component.</summary>
    public int ComponentSize(int account) => _size[Find(account)];

    /// <summary>Gets the members of a component (its root's list), or the root alone.</summary>
    public IReadOnlyList<int> Members(int root) => _members[root] ?? (IReadOnlyList<int>)[root];

    /// <summary>Lists, for a set of accounts, the shared values that tie them, most shared first.</summary>
    public IReadOnlyList<(LinkKind Kind, string Value, int Accounts)> LinksOf(IReadOnlySet<int> accounts, int max) =>
        [.. TiesOf(accounts, max).Select(t => (t.Kind, t.Value, t.Members.Count))];

    /// <summary>
    /// Gets the tying values shared by at least two of <paramref name="accounts"/>, each with those accounts (in the
    /// order the value recorded them), the most widely shared first, at most <paramref name="max"/>.
    /// </summary>
    public IReadOnlyList<(LinkKind Kind, string Value, IReadOnlyList<int> Members)> TiesOf(IReadOnlySet<int> accounts, int max)
    {
        var links = new List<(LinkKind, string, IReadOnlyList<int>)>();
        foreach (var entry in _slots)
        {
            if (entry is null || entry.Accounts.Count < 2 || !entry.Ties)
            {
                continue;
            }

            var members = entry.Accounts.Where(accounts.Contains).ToList();
            if (members.Count >= 2)
            {
                links.Add((entry.Kind, entry.Value, members));
            }
        }

        links.Sort((x, y) => y.Item3.Count.CompareTo(x.Item3.Count));
        return links.Count > max ? links[..max] : links;
    }

    /// <summary>
    /// Records that an address-rotating account used a residential or mobile address in an hour, and returns the
    /// value, shared with every other account that used the address in that hour.
    /// </summary>
    /// <remarks>
    /// Proxy values live for the current and the previous hour only: they are kept per hour, and a new hour drops the
    /// hours before the previous one without looking at any other value.
    /// </remarks>
    public LinkValue AddProxy(string ip, long hour, int account, ulong paymentHash)
    {
        while (_proxyHours.TryPeek(out var oldest) && oldest.Hour < hour - 1)
        {
            foreach (var key in _proxyHours.Dequeue().Keys)
            {
                if (_values.Remove((LinkKind.ProxyAddress, key), out var dropped))
                {
                    _slots[dropped.Slot] = null;
                    _freeSlots.Add(dropped.Slot);
                }
            }
        }

        if (hour > _newestProxyHour)
        {
            _newestProxyHour = hour;
            _newestProxyKeys = [];
            _proxyHours.Enqueue((hour, _newestProxyKeys));
        }

        var value = string.Create(CultureInfo.InvariantCulture, $"{ip}@{hour}");
        var isNew = !_values.ContainsKey((LinkKind.ProxyAddress, value));
        var entry = Add(LinkKind.ProxyAddress, value, account, paymentHash);
        if (isNew)
        {
            // A late exchange's value goes with the newest hour's, and leaves with it.
            _newestProxyKeys!.Add(value);
        }

        return entry;
    }

    /// <summary>
    /// Decides the weak values that gained accounts since the last call: a value ties its accounts when they span more
    /// than one payment method and most of them pay with bulk methods; a rare value ties those of its accounts that share
    /// a second rare value with another of them on another payment method; a value spread over many methods that is not
    /// rare is common and is not looked at again.
    /// </summary>
    public void EvaluatePending()
    {
        foreach (var entry in _pending)
        {
            entry.Pending = false;
            var payments = entry.Payments.Estimate();
            if (payments > MaxFarmPayments && (Count < MinRarityPopulation || Rarity(entry) < MinRarity))
            {
                entry.Common = true;
                continue;
            }

            if (payments < 1.5)
            {
                continue;
            }

            if (payments > MaxFarmPayments || BulkShare(entry) < WeakBulkShare)
            {
                TieByRarity(entry);
                continue;
            }

            entry.Linking = true;
            for (var i = 1; i < entry.Accounts.Count; i++)
            {
                Union(entry.Accounts[0], entry.Accounts[i]);
            }
        }

        _pending.Clear();
    }

    /// <summary>Gets a value's rarity over all accounts: ln(N / k) for k of N accounts.</summary>
    public double Rarity(LinkValue entry) => entry.Accounts.Count == 0 ? 0 : Math.Log((double)Count / entry.Accounts.Count);

    /// <summary>
    /// Ties the accounts that a rare value shares with a second rare value of another kind, where that intersection is
    /// far larger than chance: with k₁ and k₂ of N accounts holding each value, independent values would share about
    /// k₁·k₂ / N accounts; at least <see cref="MinWeakAccounts"/> and <see cref="RaritySurprise"/> times that many, on at
    /// least two payment methods, are one operator. All are tied to the first of them in the value's order, so the
    /// result does not depend on the order in which an account's values are listed.
    /// </summary>
    private void TieByRarity(LinkValue entry)
    {
        if (Count < MinRarityPopulation || entry.Accounts.Count > MaxRareAccounts || Rarity(entry) < MinRarity)
        {
            return;
        }

        // Count, for each other rare value held by the value's accounts, how many of them hold it.
        var shared = new Dictionary<LinkValue, int>();
        foreach (var account in entry.Accounts)
        {
            foreach (var other in _weakOf[account] ?? [])
            {
                if (other.Kind != entry.Kind && other.Accounts.Count >= MinWeakAccounts && other.Accounts.Count <= MaxRareAccounts && Rarity(other) >= MinRarity)
                {
                    shared[other] = shared.GetValueOrDefault(other) + 1;
                }
            }
        }

        // Each surprising intersection is one group, tied within itself only (a popular client's users at two
        // companies are two groups, not one); in slot order, which a checkpoint keeps.
        var groups = shared.Where(p => p.Value >= MinWeakAccounts && p.Value >= RaritySurprise * entry.Accounts.Count * p.Key.Accounts.Count / Count)
            .Select(p => p.Key).OrderBy(v => v.Slot);
        foreach (var other in groups)
        {
            var anchor = -1;
            var payments = false;
            foreach (var account in entry.Accounts)
            {
                if (!(_weakOf[account]?.Contains(other) ?? false))
                {
                    continue;
                }

                if (anchor < 0)
                {
                    anchor = account;
                    continue;
                }

                payments |= _paymentOf[account] is null || !ReferenceEquals(_paymentOf[account], _paymentOf[anchor]);
            }

            if (!payments)
            {
                continue; // one payer's accounts: tied already, and nothing new
            }

            entry.RareLinked = true;
            other.RareLinked = true;
            foreach (var account in entry.Accounts)
            {
                if (account != anchor && (_weakOf[account]?.Contains(other) ?? false))
                {
                    Union(anchor, account);
                }
            }
        }
    }

    private int TakeSlot()
    {
        if (_freeSlots.Count > 0)
        {
            var slot = _freeSlots[^1];
            _freeSlots.RemoveAt(_freeSlots.Count - 1);
            return slot;
        }

        _slots.Add(null);
        return _slots.Count - 1;
    }

    private double BulkShare(LinkValue entry)
    {
        var bulk = 0;
        foreach (var account in entry.Accounts)
        {
            if (_paymentOf[account] is { } payment && payment.Accounts.Count >= BulkPaymentAccounts)
            {
                bulk++;
            }
        }

        return (double)bulk / entry.Accounts.Count;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
        var into = _members[ra] ??= [ra];
        into.AddRange(_members[rb] ?? [rb]);
        _members[rb] = null;
        Merged?.Invoke(ra, rb);
    }
}
