using DistillGuard.Core.Linking;
using DistillGuard.Core.Text;

namespace DistillGuard.Core.Tests.Linking;

public sealed class LinkIndexTests
{
    private static (LinkIndex Index, int[] Accounts) Accounts(int count, Func<int, string> payment, Action<LinkIndex, int, ulong>? more = null)
    {
        var index = new LinkIndex();
        var accounts = new int[count];
        for (var i = 0; i < count; i++)
        {
            accounts[i] = index.AddAccount();
            var pay = payment(i);
            var hash = TextTokens.Hash(pay);
            index.Add(LinkKind.PaymentFingerprint, pay, accounts[i], hash);
            more?.Invoke(index, accounts[i], hash);
        }

        index.EvaluatePending();
        return (index, accounts);
    }

    [Fact]
    public void Add_SharedPaymentFingerprint_TiesAccounts()
    {
        var (index, a) = Accounts(3, _ => "pf_same");

        Assert.Equal(index.Find(a[0]), index.Find(a[2]));
    }

    [Fact]
    public void EvaluatePending_PopularDomainAcrossOwnCards_DoesNotTie()
    {
        // gmail.com: every customer pays with a card of its own.
        var (index, a) = Accounts(200, i => $"pf_{i}", (ix, acct, pay) => ix.Add(LinkKind.EmailDomain, "gmail.com", acct, pay));

        Assert.Equal(1, index.ComponentSize(a[0]));
        Assert.Equal(1, index.ComponentSize(a[199]));
    }

    [Fact]
    public void EvaluatePending_SmallCompaniesOnOneAppTemplate_DoNotTieTogether()
    {
        // Eight companies of five accounts, each company on one card, all using the same popular app template.
        var (index, a) = Accounts(40, i => $"pf_company{i / 5}", (ix, acct, pay) => ix.Add(LinkKind.PromptTemplate, "write-a-product-description", acct, pay));

        Assert.Equal(5, index.ComponentSize(a[0]));
        Assert.NotEqual(index.Find(a[0]), index.Find(a[39]));
    }

    [Fact]
    public void EvaluatePending_FarmOnBulkCardsSharingAFingerprint_TiesAcrossCards()
    {
        // Sixty accounts on four cards (fifteen each) with one rare client fingerprint: an account farm.
        var (index, a) = Accounts(60, i => $"pf_farm{i % 4}", (ix, acct, pay) => ix.Add(LinkKind.ClientFingerprint, "t13d_rare Farm/1.0", acct, pay));

        Assert.Equal(60, index.ComponentSize(a[0]));
    }

    [Fact]
    public void EvaluatePending_ValueOnOneCardOnly_AddsNothingToThePaymentLink()
    {
        var (index, a) = Accounts(10, _ => "pf_one", (ix, acct, pay) => ix.Add(LinkKind.EmailDomain, "acme.example", acct, pay));

        Assert.Equal(10, index.ComponentSize(a[0]));
        Assert.DoesNotContain(index.LinksOf(new HashSet<int>(a), 8), l => l.Kind == LinkKind.EmailDomain);
    }

    /// <summary>Many benign accounts, each on its own card: gmail.com or a company domain, the popular SDK's fingerprint or another common one.</summary>
    private static void Background(LinkIndex index, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var account = index.AddAccount();
            var pay = TextTokens.Hash($"pf_bg{i}");
            index.Add(LinkKind.PaymentFingerprint, $"pf_bg{i}", account, pay);
            index.Add(LinkKind.EmailDomain, i % 3 == 0 ? $"company{i}.example" : "gmail.com", account, pay);
            index.Add(LinkKind.ClientFingerprint, i % 2 == 0 ? "t13d_popular python-httpx/0.27" : $"t13d_browser{i % 5} Mozilla/5.0", account, pay);
        }
    }

    private static int[] Ring(LinkIndex index, int count, string domain, string client)
    {
        var ring = new int[count];
        for (var i = 0; i < count; i++)
        {
            ring[i] = index.AddAccount();
            var pay = TextTokens.Hash($"pf_ring{i}");
            index.Add(LinkKind.PaymentFingerprint, $"pf_ring{i}", ring[i], pay);
            index.Add(LinkKind.EmailDomain, domain, ring[i], pay);
            index.Add(LinkKind.ClientFingerprint, client, ring[i], pay);
        }

        return ring;
    }

    [Fact]
    public void EvaluatePending_RingOnDistinctCardsSharingRareDomainAndFingerprint_IsTied()
    {
        var index = new LinkIndex();
        Background(index, 1500);
        var ring = Ring(index, 12, "mailbox-rare.example", "t13d_rare_9f3c curl/8.4");

        index.EvaluatePending();

        Assert.Equal(12, index.ComponentSize(ring[0]));
        Assert.All(ring, a => Assert.Equal(index.Find(ring[0]), index.Find(a)));
        var links = index.LinksOf(new HashSet<int>(ring), 8);
        Assert.Contains(links, l => l.Kind == LinkKind.EmailDomain && l.Accounts == 12);
        Assert.Contains(links, l => l.Kind == LinkKind.ClientFingerprint && l.Accounts == 12);
    }

    [Fact]
    public void EvaluatePending_GmailAccountsWithThePopularFingerprint_AreNotTied()
    {
        var index = new LinkIndex();
        Background(index, 1500);
        var ring = Ring(index, 12, "gmail.com", "t13d_popular python-httpx/0.27");

        index.EvaluatePending();

        Assert.All(ring, a => Assert.Equal(1, index.ComponentSize(a)));
    }

    [Fact]
    public void EvaluatePending_RingSharingOneRareValueOnly_IsNotTied()
    {
        // A niche client used by a dozen unrelated customers is one rare value, not two.
        var index = new LinkIndex();
        Background(index, 1500);
        var ring = Ring(index, 12, "gmail.com", "t13d_rare_9f3c curl/8.4");

        index.EvaluatePending();

        Assert.All(ring, a => Assert.Equal(1, index.ComponentSize(a)));
    }

    [Fact]
    public void EvaluatePending_RareRingBeforeEnoughAccountsAreKnown_IsNotTiedYet()
    {
        var index = new LinkIndex();
        Background(index, 50);
        var ring = Ring(index, 12, "mailbox-rare.example", "t13d_rare_9f3c curl/8.4");

        index.EvaluatePending();

        Assert.Equal(1, index.ComponentSize(ring[0]));
    }
}
