namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>
/// Makes opaque, unique identifiers (<c>acct_</c>, <c>key_</c>, <c>u_</c>, <c>pf_</c> followed by random hex) that
/// say nothing about the population or campaign a subject belongs to.
/// </summary>
internal sealed class IdFactory(SimRandom random)
{
    private readonly HashSet<string> _issued = new(StringComparer.Ordinal);

    public string Account() => Next("acct_", 12);

    public string ApiKey() => Next("key_", 10);

    public string EndUser() => Next("u_", 10);

    public string PaymentFingerprint() => Next("pf_", 12);

    private string Next(string prefix, int digits)
    {
        while (true)
        {
            var id = prefix + random.Hex(digits);
            if (_issued.Add(id))
            {
                return id;
            }
        }
    }
}
