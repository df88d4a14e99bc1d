using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Linking;

/// <summary>
/// Which accounts share which attribute values, and the union-find over accounts that those shared values build.
/// </summary>
/// <remarks>
/// <para>Strong values tie accounts directly: a payment fingerprint, a residential proxy address that two
/// address-rotating accounts used within the same hour.</para>
/// <para>Weak values (a TLS fingerprint with user agent, an e-mail domain, a sign-up hour, a dominant prompt template) tie accounts only when they
/// are not common. Commonness is measured, not listed: a value is common when the accounts that share it pay with
/// about as many different payment methods as there are accounts (gmail.com, a popular SDK's fingerprint: thousands
/// of unrelated customers); it is informative when three or more accounts share it on few payment methods
/// (<see cref="WeakConcentration"/>), the shape of an account farm.</para>
/// <para>Unions are monotonic (Tarjan's union-find with path halving and union by size): a link once made stays.</para>
/// </remarks>
internal sealed class LinkIndex
{
    /// <summary>A weak value ties its accounts when distinct payment methods per account are at most this.</summary>
    public const double WeakConcentration = 0.2;

    /// <summary>A weak value shared by more distinct payment methods than this is a population, not a farm.</summary>
    public const int MaxFarmPayments = 32;

    /// <summary>The fewest accounts a weak value must tie.</summary>
    public const int MinWeakAccounts = 4;

    /// <summary>The most accounts remembered per value; a value shared more widely keeps counting but lists no more.</summary>
    public const int MaxAccountsPerValue = 4096;

    private readonly Dictionary<(LinkKind, string), LinkValue> _values = [];
    private readonly List<int> _parent = [];
    private readonly List<int> _size = [];
    private readonly List<List<int>?> _members = [];

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
        return index;
    }

    /// <summary>Records that an account has a value, and returns the value's entry.</summary>
    public LinkValue Add(LinkKind kind, string value, int account, ulong paymentHash)
    {
        if (!_values.TryGetValue((kind, value), out var entry))
        {
            entry = new LinkValue(kind, value);
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

        switch (kind)
        {
            case LinkKind.PaymentFingerprint:
            case LinkKind.ProxyAddress:
                Union(entry.Accounts[0], account);
                break;
            default:
                if (entry.Accounts.Count < MinWeakAccounts || entry.Common)
                {
                    break;
                }

                if (!IsConcentrated(entry))
                {
                    // Once a value is seen across many payment methods it is common; it links no more accounts.
                    entry.Linking = false;
                    entry.Common = entry.Payments.Estimate() > MaxFarmPayments;
                }
                else
                {
                    if (!entry.Linking)
                    {
                        entry.Linking = true;
                        for (var i = 1; i < entry.Accounts.Count; i++)
                        {
                            Union(entry.Accounts[0], entry.Accounts[i]);
                        }
                    }
                    else
                    {
                        Union(entry.Accounts[0], account);
                    }
                }

                break;
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
    public IReadOnlyList<(LinkKind Kind, string Value, int Accounts)> LinksOf(IReadOnlySet<int> accounts, int max)
    {
        var links = new List<(LinkKind, string, int)>();
        foreach (var entry in _values.Values)
        {
            if (entry.Accounts.Count < 2 || (entry.Kind is not (LinkKind.PaymentFingerprint or LinkKind.ProxyAddress) && !entry.Linking))
            {
                continue;
            }

            var n = 0;
            foreach (var a in entry.Accounts)
            {
                if (accounts.Contains(a))
                {
                    n++;
                }
            }

            if (n >= 2)
            {
                links.Add((entry.Kind, entry.Value, n));
            }
        }

        links.Sort((x, y) => y.Item3.CompareTo(x.Item3));
        return links.Count > max ? links[..max] : links;
    }

    /// <summary>Forgets short-lived values of a kind (proxy addresses of past hours) to bound memory.</summary>
    public void Evict(LinkKind kind, Func<string, bool> expired)
    {
        List<(LinkKind, string)>? remove = null;
        foreach (var key in _values.Keys)
        {
            if (key.Item1 == kind && expired(key.Item2))
            {
                (remove ??= []).Add(key);
            }
        }

        if (remove is not null)
        {
            foreach (var key in remove)
            {
                _values.Remove(key);
            }
        }
    }

    private static bool IsConcentrated(LinkValue entry)
    {
        // Accounts on one payment method are tied by it already; a weak value adds a link only across methods.
        var payments = entry.Payments.Estimate();
        return payments >= 1.5 && payments <= MaxFarmPayments && payments / entry.Accounts.Count <= WeakConcentration;
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
