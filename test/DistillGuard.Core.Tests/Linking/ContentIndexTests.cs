using DistillGuard.Core.Linking;
using DistillGuard.Core.Sketches;

namespace DistillGuard.Core.Tests.Linking;

public sealed class ContentIndexTests
{
    private static readonly ContentFingerprint Question = ContentFingerprint.FromBands(11, 12, 13, 14);

    [Fact]
    public void Add_RewordedPromptOfAnotherAccount_ReportsItOnce()
    {
        var index = new ContentIndex();
        Span<int> neighbours = stackalloc int[32];
        Span<uint> buckets = stackalloc uint[32];
        index.Add(Question, account: 1, promptHash: 100, neighbours, buckets);

        var found = index.Add(Question, account: 2, promptHash: 200, neighbours, buckets);

        Assert.Equal([1], neighbours[..found].ToArray());
        Assert.Equal(11u, buckets[0]);
        Assert.True(index.IsRare(11));
    }

    [Fact]
    public void Add_ExactRepeatOfAnotherAccountsPrompt_ReportsNobody()
    {
        var index = new ContentIndex();
        Span<int> neighbours = stackalloc int[32];
        Span<uint> buckets = stackalloc uint[32];
        index.Add(Question, account: 1, promptHash: 100, neighbours, buckets);

        Assert.Equal(0, index.Add(Question, account: 2, promptHash: 100, neighbours, buckets));
    }

    [Fact]
    public void Add_BucketReachedByManyAccounts_IsPopularAndReportsNobody()
    {
        var index = new ContentIndex();
        Span<int> neighbours = stackalloc int[32];
        Span<uint> buckets = stackalloc uint[32];
        for (var a = 0; a < ContentIndex.MaxBucketAccounts; a++)
        {
            index.Add(Question, a, (ulong)a, neighbours, buckets);
        }

        Assert.Equal(0, index.Add(Question, 100, 100, neighbours, buckets));
        Assert.Equal(0, index.Add(Question, 101, 101, neighbours, buckets));
        Assert.False(index.IsRare(11));
    }

    [Fact]
    public void Add_MoreBucketsThanAGeneration_StaysBounded()
    {
        var index = new ContentIndex();
        Span<int> neighbours = stackalloc int[32];
        Span<uint> buckets = stackalloc uint[32];
        for (uint i = 1; i <= 3 * ContentIndex.MaxKeysPerGeneration / ContentFingerprint.Bands; i++)
        {
            index.Add(ContentFingerprint.FromBands(i, i + 1_000_000, i + 2_000_000, i + 3_000_000), account: 0, promptHash: i, neighbours, buckets);
        }

        Assert.InRange(index.Count, 1, 2 * ContentIndex.MaxKeysPerGeneration);
    }
}
