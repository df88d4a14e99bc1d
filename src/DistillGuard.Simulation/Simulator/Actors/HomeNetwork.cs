using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// Where an individual connects from: a home broadband address that changes now and then, a phone on a mobile
/// carrier, and for some people a commercial VPN.
/// </summary>
internal sealed class HomeNetwork
{
    private readonly Isp _home;
    private readonly Isp _mobile;
    private readonly List<Isp> _vpns;
    private readonly double _mobileShare;
    private readonly double _vpnShare;
    private string _homeIp;
    private long _homeIpDay;

    public HomeNetwork(CountryProfile country, SimRandom random, double mobileShare, bool usesVpn)
    {
        _home = random.Pick(country.Residential);
        _mobile = random.Pick(country.Mobile);
        _homeIp = _home.NewAddress(random, 0.2);
        _mobileShare = mobileShare;
        _vpnShare = usesVpn ? random.Uniform(0.5, 0.95) : 0;
        _vpns = usesVpn ? random.Sample(Geo.VpnExits, random.Next(1, 3)) : [];
    }

    public ClientInfo ForSession(DateTimeOffset at, ClientSoftware software, SimRandom random)
    {
        if (_vpns.Count > 0 && random.Chance(_vpnShare))
        {
            var vpn = random.Pick(_vpns);
            return vpn.Client(vpn.NewAddress(random), software);
        }

        if (random.Chance(_mobileShare))
        {
            return _mobile.Client(_mobile.NewAddress(random, 0.4), software);
        }

        var day = at.ToUnixTimeSeconds() / 86_400;
        if (day != _homeIpDay)
        {
            // Consumer ISPs reassign addresses every week or so.
            if (_homeIpDay != 0 && random.Chance(0.1 * Math.Min(7, day - _homeIpDay)))
            {
                _homeIp = _home.NewAddress(random, 0.2);
            }

            _homeIpDay = day;
        }

        return _home.Client(_homeIp, software);
    }
}
