using DistillGuard.Core.Findings;
using DistillGuard.Server.AnalystConsole;

namespace DistillGuard.Server.Tests.Console;

public sealed class SubjectTokenTests
{
    [Theory]
    [InlineData("acct_1", null)]
    [InlineData("acct/with/slashes", "end user 7")]
    [InlineData("acct_<script>", "ü/?&=")]
    public void Of_AnySubject_ParsesBackToTheSameSubject(string account, string? endUser)
    {
        var key = new SubjectKey(account, endUser);

        var token = SubjectToken.Of(key);

        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.True(SubjectToken.TryParse(token, out var parsed));
        Assert.Equal(key, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AA")]
    [InlineData("_w")]
    public void TryParse_NotASubject_IsRefused(string? token)
    {
        Assert.False(SubjectToken.TryParse(token, out _));
    }
}
