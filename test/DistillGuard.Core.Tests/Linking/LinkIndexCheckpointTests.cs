using System.Buffers;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Linking;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Tests.Linking;

public sealed class LinkIndexCheckpointTests
{
    [Fact]
    public void ReadCheckpoint_AfterProxyHoursWereDropped_ListsLaterTiesInTheSameOrder()
    {
        // Two hours of shared proxies, dropped when the stream moves two hours on: their slots are free when the
        // checkpoint is taken, and the values that come after it must take them as they would have without a restart.
        var uninterrupted = ProxyHours();
        var restored = RoundTrip(uninterrupted);

        foreach (var index in new[] { uninterrupted, restored })
        {
            for (var i = 0; i < 3; i++)
            {
                index.AddProxy($"203.0.113.{i}", hour: 13, account: 0, paymentHash: 1);
                index.AddProxy($"203.0.113.{i}", hour: 13, account: 1, paymentHash: 2);
            }
        }

        var expected = uninterrupted.LinksOf(new HashSet<int> { 0, 1, 2, 3 }, 12);
        Assert.Equal(3, expected.Count);
        Assert.Equal(expected, restored.LinksOf(new HashSet<int> { 0, 1, 2, 3 }, 12));
        Assert.Equal(Bytes(uninterrupted), Bytes(restored));
    }

    [Fact]
    public void ReadCheckpoint_KeepsComponentsAndWeakLinkDecisions()
    {
        var index = new LinkIndex();
        for (var i = 0; i < 20; i++)
        {
            // Two bulk cards of ten accounts; half of them share a rare domain, which ties the cards together.
            var account = index.AddAccount();
            var payment = $"pf_farm{i % 2}";
            index.Add(LinkKind.PaymentFingerprint, payment, account, TextTokens.Hash(payment));
            index.Add(LinkKind.EmailDomain, i < 10 ? "relay.example" : $"company{i}.example", account, TextTokens.Hash(payment));
        }

        index.EvaluatePending();
        index.Add(LinkKind.ClientFingerprint, "t13d_rare", 3, TextTokens.Hash("pf_farm1"));

        var restored = RoundTrip(index);

        Assert.Equal(index.Count, restored.Count);
        Assert.Equal(20, restored.ComponentSize(0));
        Assert.Equal(index.Find(19), restored.Find(19));
        Assert.Equal(index.Members(index.Find(0)), restored.Members(restored.Find(0)));
        Assert.Equal(Bytes(index), Bytes(restored));
    }

    [Fact]
    public void ReadCheckpoint_RareValuesKnownBeforeIt_TieARingCompletedAfterIt()
    {
        // The ring's rare domain is known before the checkpoint; its rare client fingerprint arrives after it, and the
        // restored index must still know which weak values each account has.
        var uninterrupted = new LinkIndex();
        var ring = new List<int>();
        for (var i = 0; i < 600; i++)
        {
            var account = uninterrupted.AddAccount();
            var payment = $"pf_{i}";
            uninterrupted.Add(LinkKind.PaymentFingerprint, payment, account, TextTokens.Hash(payment));
            uninterrupted.Add(LinkKind.EmailDomain, i % 50 == 0 ? "mailbox-rare.example" : "gmail.com", account, TextTokens.Hash(payment));
            if (i % 50 == 0)
            {
                ring.Add(account);
            }
        }

        uninterrupted.EvaluatePending();
        var restored = RoundTrip(uninterrupted);
        foreach (var index in new[] { uninterrupted, restored })
        {
            foreach (var account in ring)
            {
                index.Add(LinkKind.ClientFingerprint, "t13d_rare curl/8.4", account, TextTokens.Hash($"pf_{account}"));
            }

            index.EvaluatePending();
        }

        Assert.Equal(ring.Count, uninterrupted.ComponentSize(ring[0]));
        Assert.Equal(ring.Count, restored.ComponentSize(ring[0]));
        Assert.Equal(Bytes(uninterrupted), Bytes(restored));
    }

    private static LinkIndex ProxyHours()
    {
        var index = new LinkIndex();
        for (var i = 0; i < 4; i++)
        {
            index.AddAccount();
        }

        for (var i = 0; i < 4; i++)
        {
            index.AddProxy($"198.51.100.{i}", hour: 10, account: 0, paymentHash: 1);
            index.AddProxy($"198.51.100.{i}", hour: 10, account: 1, paymentHash: 2);
            index.AddProxy($"192.0.2.{i}", hour: 11, account: 2, paymentHash: 3);
            index.AddProxy($"192.0.2.{i}", hour: 11, account: 3, paymentHash: 4);
        }

        // Hour 13 drops hours 10 and 11.
        index.AddProxy("100.64.0.1", hour: 13, account: 2, paymentHash: 3);
        return index;
    }

    private static LinkIndex RoundTrip(LinkIndex index)
    {
        var bytes = Bytes(index);
        var restored = new LinkIndex();
        var reader = new CheckpointReader(bytes, 0);
        restored.ReadCheckpoint(ref reader);
        reader.ExpectEnd();
        return restored;
    }

    private static byte[] Bytes(LinkIndex index)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new CheckpointWriter(buffer))
        {
            index.WriteCheckpoint(writer);
            writer.Complete();
        }

        // Without the checksum: the reader of a section does not see it.
        return buffer.WrittenSpan[..^CheckpointFormat.ChecksumSize].ToArray();
    }
}
