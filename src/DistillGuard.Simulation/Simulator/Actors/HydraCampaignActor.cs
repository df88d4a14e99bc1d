using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A hydra cluster (<c>hydra</c>): many small accounts created in sign-up bursts on a few shared payment methods and
/// throw-away e-mail domains, all running the same tool (one rare TLS fingerprint and user agent) behind one
/// residential proxy pool, active together in synchronised waves, each sending a few dozen prompts from the
/// operation's shared template family as they sweep the topic taxonomy together.
/// </summary>
internal sealed class HydraCampaignActor : CampaignActor
{
    private static readonly string[] BillingCountries = ["US", "GB", "SG", "MY", "HK", "CA", "AU"];
    private static readonly int[] Budgets = [8192, 16384, 16384, 32768];

    private readonly HydraCampaignSpec _spec;
    private readonly ResidentialProxyPool _pool;
    private readonly ClientSoftware _software;
    private readonly ClientSoftware _softwareVariant;
    private readonly HarvestSweep _sweep;
    private readonly TemplateFamily _family;
    private readonly IReadOnlyList<CoercionWrapper> _wrappers;
    private readonly List<Member> _members = [];
    private readonly List<Wave> _waves = [];

    public HydraCampaignActor(SimulationContext context, HydraCampaignSpec spec, int ordinal)
        : base(context, spec)
    {
        _spec = spec;
        _pool = new ResidentialProxyPool(Random, Math.Max(20, context.Scaled(spec.ProxyPoolSize)), 0.08);
        (_software, _softwareVariant) = RareSoftware(ordinal);
        _sweep = new HarvestSweep(context.Corpus, Random, Random.Chance(0.5) ? HarvestSweep.TopicFirst : HarvestSweep.Broad, Random.NextDouble());
        var families = context.Phrasebook.TemplateFamilies;
        _family = Random.Pick(families);
        var pool = Random.Chance(0.7) ? context.Phrasebook.EnglishWrappers : context.Phrasebook.Wrappers;
        _wrappers = FavouriteWrappers(pool.Count > 0 ? pool : context.Phrasebook.Wrappers, 3, 5);

        PlanWaves();
        CreateAccounts();
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        var sliceEnd = sliceStart.AddDays(1);
        foreach (var wave in _waves)
        {
            if (wave.Start < sliceStart || wave.Start >= sliceEnd)
            {
                continue;
            }

            foreach (var member in _members)
            {
                if (member.Quota.TryGetValue(wave.Index, out var count))
                {
                    RunInWave(member, wave, count);
                }
            }
        }
    }

    private void RunInWave(Member member, Wave wave, int count)
    {
        var at = wave.Start.AddMinutes(Random.Uniform(0, wave.Duration.TotalMinutes * 0.4));
        var stickyUntil = DateTimeOffset.MinValue;
        ClientInfo? client = null;

        // The quota counts exchanges, retries included, so no account ever exceeds its budget.
        var sent = 0;
        while (sent < count)
        {
            if (client is null || at >= stickyUntil)
            {
                // A sticky proxy session lasts a few minutes, then the tool asks the pool for a new exit.
                client = _pool.Client(at, Random, Random.Chance(0.1) ? _softwareVariant : _software);
                stickyUntil = at.AddMinutes(Random.Uniform(2, 10));
            }

            var item = _sweep.Next();
            var request = Harvest(at, item, item.Question, Random.Pick(_family.Variants), MaybeWrap(_wrappers), member.System, member.Settings);
            var before = Context.Buffer.Count;
            Context.Exchanges.Emit(at, member.Account, member.Account.Subject, null, client, request, Random, member.Errors, retryAfterRateLimit: count - sent > 1);
            sent += Context.Buffer.Count - before;
            at = at.AddSeconds(Random.LogNormal(38, 0.6));
        }
    }

    private (ClientSoftware Main, ClientSoftware Variant) RareSoftware(int ordinal) => ordinal switch
    {
        0 => (new ClientSoftware("python-httpx/0.23.3", "t13d1909h2_c67e0d4e2b3a_1b2c8f6e9d70"), new ClientSoftware("python-httpx/0.23.0", "t13d1909h2_c67e0d4e2b3a_1b2c8f6e9d70")),
        1 => (new ClientSoftware("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_9b887d9acb53"),
              new ClientSoftware("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/117.0.0.0 Safari/537.36", "t13d1516h2_8daaf6152771_9b887d9acb53")),
        _ => (new ClientSoftware("okhttp/3.14.9", $"t13d{Random.Next(10, 40):D2}{Random.Next(8, 20):D2}h2_{Random.Hex(12)}_{Random.Hex(12)}"), new ClientSoftware("okhttp/3.12.13", $"t13d1513h2_{Random.Hex(12)}_{Random.Hex(12)}")),
    };

    private void PlanWaves()
    {
        // The operator runs the tool from its own time zone at two habitual times of day.
        var first = Random.Uniform(0, 8);
        var second = first + Random.Uniform(9, 14);
        for (var day = Spec.StartDay; day <= LastDay; day++)
        {
            if (!Random.Chance(0.75))
            {
                continue;
            }

            var waves = Random.Chance(0.4) ? 2 : 1;
            for (var w = 0; w < waves; w++)
            {
                var hour = (w == 0 ? first : second) + Random.Uniform(-0.75, 0.75);
                _waves.Add(new Wave(_waves.Count, DayStart(day).AddHours(Math.Clamp(hour, 0, 23.5)), TimeSpan.FromHours(Random.Uniform(1.5, 4))));
            }
        }
    }

    private void CreateAccounts()
    {
        var count = Context.Scaled(_spec.Accounts);
        var payments = Enumerable.Range(0, Math.Max(1, Context.Scaled(_spec.PaymentFingerprints)))
            .Select(_ => (Fingerprint: Context.Ids.PaymentFingerprint(), Country: Random.Pick(BillingCountries)))
            .ToArray();
        var paymentWeights = payments.Select((_, i) => 1.0 / (i + 1)).ToArray();
        string[] domains =
        [
            .. Random.Sample(EmailDomains.Disposable, Random.Next(1, 3)),
            .. Enumerable.Range(0, Random.Next(1, 3)).Select(_ => EmailDomains.Throwaway(Random)),
        ];

        // Accounts are made in bursts: a script signs up a batch within minutes.
        var firstWave = _waves.Count > 0 ? _waves[0].Start : DayStart(Spec.StartDay);
        var bursts = Enumerable.Range(0, _spec.SignupBursts)
            .Select(b => firstWave.AddDays(-Random.Uniform(0.2, 12) + (b * Context.Days * 0.45 / Math.Max(1, _spec.SignupBursts))))
            .Order()
            .ToArray();

        for (var i = 0; i < count; i++)
        {
            var burst = bursts[i * bursts.Length / Math.Max(1, count)];
            var payment = payments[Random.PickIndex(paymentWeights)];
            var signup = burst.AddMinutes(Random.Uniform(0, 40));
            var account = Context.CreateAccount(
                new BillingInfo
                {
                    PaymentFingerprint = payment.Fingerprint,
                    EmailDomain = Random.Pick(domains),
                    SignupTimestamp = signup,
                    Country = payment.Country,
                    Plan = Random.Chance(0.45) ? "free" : "pay_as_you_go",
                },
                Group);
            var free = account.Billing.Plan == "free";
            var member = new Member(
                account,
                Random.Chance(0.3) ? SystemPrompts.Helpful : null,
                new HarvestSettings
                {
                    MaxCompletionTokens = Random.Pick(Budgets),
                    ReasoningEffort = Random.Chance(0.8) ? "high" : null,
                    Temperature = Random.Chance(0.5) ? 0.7 : null,
                    TopP = Random.Chance(0.15) ? 0.95 : null,
                    AnswerTokens = 1800,
                },
                free ? new ErrorProfile(0.03, 0.003) : ErrorProfile.Automated);
            AssignWaves(member, signup);
            _members.Add(member);
        }
    }

    private void AssignWaves(Member member, DateTimeOffset signup)
    {
        var eligible = _waves.Where(w => w.Start >= signup.AddHours(2)).ToList();
        if (eligible.Count == 0)
        {
            return;
        }

        var chosen = Random.Sample(eligible, Random.In(_spec.WavesPerAccount));
        var budget = Random.In(_spec.ExchangesPerAccount);
        var shares = chosen.Select(_ => Random.Uniform(0.5, 1.5)).ToArray();
        var total = shares.Sum();
        var assigned = 0;
        for (var i = 0; i < chosen.Count; i++)
        {
            var quota = i == chosen.Count - 1 ? budget - assigned : Math.Max(1, (int)Math.Round(budget * shares[i] / total));
            quota = Math.Max(1, Math.Min(quota, budget - assigned - (chosen.Count - 1 - i)));
            assigned += quota;
            member.Quota[chosen[i].Index] = quota;
        }
    }

    private sealed record Wave(int Index, DateTimeOffset Start, TimeSpan Duration);

    private sealed record Member(Account Account, string? System, HarvestSettings Settings, ErrorProfile Errors)
    {
        public Dictionary<int, int> Quota { get; } = [];
    }
}
