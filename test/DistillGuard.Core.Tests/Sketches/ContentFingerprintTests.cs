using DistillGuard.Core.Sketches;
using FsCheck;
using FsCheck.Xunit;

namespace DistillGuard.Core.Tests.Sketches;

public sealed class ContentFingerprintTests
{
    [Property(MaxTest = 80)]
    public void Compute_PermutedAndRepeatedTokens_GivesTheSameFingerprint(DoNotSize<int> seed)
    {
        var random = new Random(seed.Item);
        var tokens = Enumerable.Range(0, random.Next(ContentFingerprint.MinTokens, 200)).Select(i => SketchTestData.Item(seed.Item, i)).ToArray();
        var shuffled = tokens.Concat(tokens.Take(random.Next(0, tokens.Length))).OrderBy(_ => random.Next()).ToArray();

        Assert.Equal(ContentFingerprint.Compute(tokens, sampled: false), ContentFingerprint.Compute(shuffled, sampled: false));
        Assert.Equal(ContentFingerprint.Compute(tokens), ContentFingerprint.Compute(shuffled));
    }

    [Property(MaxTest = 20)]
    public void Compute_PairsOfKnownJaccard_ShareABandAsBandingPredicts(DoNotSize<int> seed)
    {
        // 1 - (1 - J^r)^b per pair; over 600 independent pairs the empirical rate is within 0.08 of it with
        // probability above 1 - 2·exp(-2·600·0.08²) ≈ 0.999 (Hoeffding).
        const int pairs = 600;
        foreach (var (shared, own) in new[] { (30, 15), (10, 20), (4, 40) })
        {
            var jaccard = (double)shared / (shared + (2 * own));
            var expected = MinHashSignature.CandidateProbability(jaccard, ContentFingerprint.Bands, ContentFingerprint.Rows);
            var hits = 0;
            for (var p = 0; p < pairs; p++)
            {
                var universe = (long)p * 1000;
                var first = Enumerable.Range(0, shared + own).Select(i => SketchTestData.Item(seed.Item, universe + i)).ToArray();
                var second = Enumerable.Range(0, shared).Concat(Enumerable.Range(shared + own, own)).Select(i => SketchTestData.Item(seed.Item, universe + i)).ToArray();
                if (ShareABand(ContentFingerprint.Compute(first, sampled: false), ContentFingerprint.Compute(second, sampled: false)))
                {
                    hits++;
                }
            }

            Assert.InRange((double)hits / pairs, expected - 0.08, expected + 0.08);
        }
    }

    [Property(MaxTest = 20)]
    public void Compute_Sampling_KeepsAboutOneInSampleOneInAndIdenticalSetsTogether(DoNotSize<int> seed)
    {
        const int prompts = 2000;
        var kept = 0;
        for (var p = 0; p < prompts; p++)
        {
            var tokens = Enumerable.Range(0, 12).Select(i => SketchTestData.Item(seed.Item, (p * 100L) + i)).ToArray();
            var fingerprint = ContentFingerprint.Compute(tokens);
            Assert.Equal(fingerprint, ContentFingerprint.Compute([.. tokens.Reverse()]));
            if (!fingerprint.IsEmpty)
            {
                kept++;
                Assert.Equal(ContentFingerprint.Compute(tokens, sampled: false), fingerprint);
            }
        }

        // Binomial(2000, 1/k): ± 0.05 is more than four standard deviations (at most 0.011).
        Assert.InRange((double)kept / prompts, (1.0 / ContentFingerprint.SampleOneIn) - 0.05, (1.0 / ContentFingerprint.SampleOneIn) + 0.05);
    }

    [Fact]
    public void Compute_ShortPrompt_IsEmpty()
    {
        var tokens = Enumerable.Range(0, ContentFingerprint.MinTokens - 1).Select(i => SketchTestData.Item(1, i)).ToArray();

        Assert.True(ContentFingerprint.Compute(tokens, sampled: false).IsEmpty);
    }

    private static bool ShareABand(ContentFingerprint a, ContentFingerprint b)
    {
        for (var band = 0; band < ContentFingerprint.Bands; band++)
        {
            if (a.Band(band) == b.Band(band))
            {
                return true;
            }
        }

        return false;
    }
}
