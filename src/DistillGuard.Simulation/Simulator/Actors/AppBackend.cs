using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A consumer app's backend as its users' traffic reaches the provider: one account, a few fixed cloud egress
/// addresses, one server-side client library, and the end user's id passed along.
/// </summary>
internal sealed class AppBackend
{
    private readonly Isp _network;
    private readonly string[] _ips;
    private readonly ClientSoftware _software;

    public AppBackend(Account account, SimRandom random, IReadOnlyList<Isp> clouds)
    {
        Account = account;
        _network = random.Pick(clouds);
        _ips = _network.NewAddresses(random, random.Next(2, 6));
        _software = Clients.Service(random);
        PassesUser = random.Chance(0.7);
    }

    public Account Account { get; }

    /// <summary>Gets whether the app also passes the end user id in the request's <c>user</c> field.</summary>
    public bool PassesUser { get; }

    public ClientInfo Client(SimRandom random) => _network.Client(random.Pick(_ips), _software);
}
