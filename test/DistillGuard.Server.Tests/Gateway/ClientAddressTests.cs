using System.Net;
using DistillGuard.Server.Gateway;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Server.Tests.Gateway;

public sealed class ClientAddressTests
{
    private static readonly IReadOnlyList<IPNetwork> Trusted = [IPNetwork.Parse("127.0.0.1/32"), IPNetwork.Parse("10.0.0.0/8")];

    [Theory]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("127.0.0.1", "203.0.113.9", "203.0.113.9")]
    [InlineData("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.2.3", "203.0.113.9")]
    [InlineData("203.0.113.50", "198.51.100.1", "203.0.113.50")]
    [InlineData("127.0.0.1", "garbage, 10.1.2.3", "10.1.2.3")]
    [InlineData("::ffff:127.0.0.1", "2001:db8::1", "2001:db8::1")]
    public void Resolve_TrustsForwardedForOnlyFromTrustedProxies(string peer, string? forwarded, string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwarded is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwarded;
        }

        var client = ClientAddress.Resolve(context, Trusted);

        Assert.Equal(IPAddress.Parse(expected), client);
    }
}
