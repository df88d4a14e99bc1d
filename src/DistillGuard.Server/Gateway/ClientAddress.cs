using System.Net;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Gateway;

/// <summary>
/// The client's address: the connection's peer, or, when that peer is a trusted proxy, the nearest address in
/// <c>X-Forwarded-For</c> that is not itself a trusted proxy (the entries further left are whatever the client claimed).
/// </summary>
internal static class ClientAddress
{
    public static IPAddress? Resolve(HttpContext context, IReadOnlyList<IPNetwork> trusted)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null || !IsTrusted(peer, trusted))
        {
            return Normalise(peer);
        }

        var forwarded = context.Request.Headers["X-Forwarded-For"];
        var current = peer;
        for (var h = forwarded.Count - 1; h >= 0; h--)
        {
            var entries = (forwarded[h] ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(entries[i], out var address))
                {
                    // A malformed hop: trust stops here, at the last address we could read.
                    return Normalise(current);
                }

                current = address;
                if (!IsTrusted(address, trusted))
                {
                    return Normalise(address);
                }
            }
        }

        return Normalise(current);
    }

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> trusted)
    {
        var normalised = Normalise(address)!;
        foreach (var network in trusted)
        {
            if (network.Contains(normalised))
            {
                return true;
            }
        }

        return false;
    }

    private static IPAddress? Normalise(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
