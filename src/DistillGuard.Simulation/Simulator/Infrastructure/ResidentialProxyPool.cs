using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>
/// A residential proxy network as a harvesting operation rents it: a pool of exit addresses on consumer ISPs in many
/// countries, of which only a changing part is reachable in any hour. Clients of the same operation that are active in
/// the same hour therefore share exits, while over a day the addresses rotate through the pool.
/// </summary>
internal sealed class ResidentialProxyPool
{
    private readonly (Isp Isp, string Ip)[] _exits;
    private readonly ulong _salt;
    private readonly int _liveCount;
    private long _cachedHour = long.MinValue;
    private int[] _cachedLive = [];

    public ResidentialProxyPool(SimRandom random, int size, double liveShare)
    {
        _salt = random.NextUInt64();
        _exits = new (Isp, string)[Math.Max(1, size)];
        for (var i = 0; i < _exits.Length; i++)
        {
            var country = Geo.Country(random.PickWeighted(Geo.ProxyExitCountries));
            var isp = random.Chance(0.82) ? random.Pick(country.Residential) : random.Pick(country.Mobile);
            _exits[i] = (isp, isp.NewAddress(random));
        }

        _liveCount = Math.Clamp((int)Math.Round(_exits.Length * liveShare), Math.Min(3, _exits.Length), _exits.Length);
    }

    /// <summary>Picks an exit that is live in the hour of <paramref name="timestamp"/>.</summary>
    public (Isp Isp, string Ip) Exit(DateTimeOffset timestamp, SimRandom random)
    {
        var live = LiveSet(timestamp.ToUnixTimeSeconds() / 3600);
        return _exits[live[random.Next(live.Length)]];
    }

    public ClientInfo Client(DateTimeOffset timestamp, SimRandom random, ClientSoftware software)
    {
        var (isp, ip) = Exit(timestamp, random);
        return isp.Client(ip, software);
    }

    private int[] LiveSet(long hour)
    {
        if (hour != _cachedHour)
        {
            // The live set depends only on the pool and the hour, so every client of the pool sees the same one.
            var random = SimRandom.Keyed(_salt, hour);
            var indexes = Enumerable.Range(0, _exits.Length).ToList();
            _cachedLive = [.. random.Sample(indexes, _liveCount)];
            _cachedHour = hour;
        }

        return _cachedLive;
    }
}
