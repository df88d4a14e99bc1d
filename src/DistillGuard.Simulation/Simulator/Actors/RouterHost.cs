using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A router's account and infrastructure as its end users' traffic reaches the provider: the router's few datacenter
/// addresses, its client software, its identifying headers, and what it does to requests it forwards.
/// </summary>
internal sealed class RouterHost
{
    private readonly Isp[] _networks;
    private readonly string[][] _ips;
    private readonly ClientSoftware _software;
    private readonly IReadOnlyDictionary<string, string> _headers;

    public RouterHost(Account account, string name, string url, SimRandom random, IReadOnlyList<Isp> clouds)
    {
        Account = account;
        Name = name;
        _networks = [.. random.Sample(clouds, random.Next(1, 3))];
        _ips = [.. _networks.Select(n => n.NewAddresses(random, random.Next(1, 4)))];
        _software = random.Next(3) switch
        {
            0 => Clients.NodeFetch(random),
            1 => Clients.Go(random),
            _ => Clients.NodeOpenAi(random),
        };
        _headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["http-referer"] = url,
            ["x-title"] = name,
        };
        ForcesStreaming = random.Chance(0.5);
        PassesUser = random.Chance(0.6);
    }

    public Account Account { get; }

    public string Name { get; }

    /// <summary>Gets whether the router always streams from the provider, whatever the end user asked.</summary>
    public bool ForcesStreaming { get; }

    /// <summary>Gets whether the router also passes the end user id in the request's <c>user</c> field.</summary>
    public bool PassesUser { get; }

    /// <summary>Describes the router's client for one forwarded request.</summary>
    public ClientInfo Client(SimRandom random)
    {
        var network = random.Next(_networks.Length);
        return _networks[network].Client(random.Pick(_ips[network]), _software, _headers);
    }

    /// <summary>Applies what the router does to a request it forwards for <paramref name="endUserId"/>.</summary>
    public RequestSpec Forward(RequestSpec spec, string? endUserId) => spec with
    {
        Stream = ForcesStreaming ? true : spec.Stream,
        User = PassesUser ? endUserId : spec.User,
    };
}
