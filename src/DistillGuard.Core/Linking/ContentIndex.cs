using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Linking;

/// <summary>
/// A global, account-agnostic index of prompt content fingerprints (<see cref="ContentFingerprint"/>): which accounts
/// sent a prompt falling into each locality-sensitive bucket, so that one question set spread over many accounts, each
/// rewording its share, is seen as one.
/// </summary>
/// <remarks>
/// <para>
/// After Blacklight (account-agnostic fingerprints of queries, near-duplicates matched across accounts) and SEAT
/// (counting near-duplicate pairs): a bucket remembers up to <see cref="MaxBucketAccounts"/> distinct accounts; an
/// account entering a bucket learns the accounts already there, its near-duplicate neighbours. A bucket reached by more
/// accounts is popular (the band of a common phrasing, a popular app's template, a famous question) and is kept only as
/// a marker that reports no one: rarity, not a list, decides what is telling. An exact repeat of another account's
/// prompt (the same text hash) is not reported either: a famous question copied word for word is shared culture, a
/// reworded one spread over accounts is the pattern sought.
/// </para>
/// <para>
/// Bounded: buckets live in two generations of at most <see cref="MaxKeysPerGeneration"/> keys; when the current
/// generation is full, the previous one is dropped and the current one becomes the previous. A bucket found in the
/// previous generation moves to the current one, so buckets still in use stay. Enumeration and therefore checkpoints
/// follow insertion order (no removals from a live dictionary).
/// </para>
/// </remarks>
internal sealed partial class ContentIndex
{
    /// <summary>The most accounts a bucket lists before it is popular.</summary>
    public const int MaxBucketAccounts = 6;

    /// <summary>The most buckets of one generation.</summary>
    public const int MaxKeysPerGeneration = 1 << 18;

    private Dictionary<uint, Bucket> _current = [];
    private Dictionary<uint, Bucket> _previous = [];

    /// <summary>Gets the number of buckets held (both generations).</summary>
    public int Count => _current.Count + _previous.Count;

    /// <summary>
    /// Records that an account sent a prompt with this fingerprint, and writes the distinct other accounts that already
    /// sent a near-duplicate into a bucket that is not popular.
    /// </summary>
    /// <param name="fingerprint">The prompt's fingerprint; an empty one records nothing.</param>
    /// <param name="account">The account's index.</param>
    /// <param name="promptHash">The hash of the prompt's exact text.</param>
    /// <param name="neighbours">Receives the neighbours; at least <see cref="ContentFingerprint.Bands"/> × <see cref="MaxBucketAccounts"/> long.</param>
    /// <param name="buckets">Receives, for each neighbour, the key of the bucket where it was found; as long.</param>
    /// <returns>The number of neighbours written.</returns>
    public int Add(in ContentFingerprint fingerprint, int account, ulong promptHash, Span<int> neighbours, Span<uint> buckets)
    {
        if (fingerprint.IsEmpty)
        {
            return 0;
        }

        var found = 0;
        var prompt = (uint)(promptHash ^ (promptHash >> 32));
        for (var band = 0; band < ContentFingerprint.Bands; band++)
        {
            var key = fingerprint.Band(band);
            ref var bucket = ref Take(key);
            if (bucket.Count < 0 || bucket.Contains(account))
            {
                continue;
            }

            if (bucket.Count == MaxBucketAccounts)
            {
                bucket.Count = -1; // popular from now on
                continue;
            }

            for (var i = 0; i < bucket.Count; i++)
            {
                var other = bucket.Accounts[i];
                if (bucket.Prompts[i] != prompt && !neighbours[..found].Contains(other))
                {
                    buckets[found] = key;
                    neighbours[found++] = other;
                }
            }

            bucket.Accounts[bucket.Count] = account;
            bucket.Prompts[bucket.Count++] = prompt;
        }

        return found;
    }

    /// <summary>Gets whether a bucket is not (yet) popular; a bucket no longer held counts as rare.</summary>
    public bool IsRare(uint key) =>
        !(_current.TryGetValue(key, out var bucket) || _previous.TryGetValue(key, out bucket)) || bucket.Count >= 0;

    private ref Bucket Take(uint key)
    {
        ref var bucket = ref CollectionsMarshal.GetValueRefOrNullRef(_current, key);
        if (!Unsafe.IsNullRef(ref bucket))
        {
            return ref bucket;
        }

        if (_current.Count >= MaxKeysPerGeneration)
        {
            _previous = _current;
            _current = [];
        }

        _previous.Remove(key, out var moved);
        ref var added = ref CollectionsMarshal.GetValueRefOrAddDefault(_current, key, out _);
        added = moved;
        return ref added;
    }

    /// <summary>The accounts of one bucket, or a popular bucket (<see cref="Count"/> −1).</summary>
    internal struct Bucket
    {
        public AccountList Accounts;
        public PromptList Prompts;
        public int Count;

        public readonly bool Contains(int account)
        {
            for (var i = 0; i < Count; i++)
            {
                if (Accounts[i] == account)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Room for <see cref="MaxBucketAccounts"/> accounts, inline in the bucket.</summary>
    [InlineArray(MaxBucketAccounts)]
    internal struct AccountList
    {
        private int _first;
    }

    /// <summary>The folded text hash of each account's prompt in the bucket.</summary>
    [InlineArray(MaxBucketAccounts)]
    internal struct PromptList
    {
        private uint _first;
    }
}
