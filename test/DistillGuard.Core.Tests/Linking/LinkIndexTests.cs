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
}
