using DistillGuard.Core.Findings;

namespace DistillGuard.Core.Tests;

public sealed class SubjectKeyTests
{
    [Fact]
    public void ToString_EndUser_JoinsAccountAndEndUser()
    {
        var key = new SubjectKey("acct_1", "u_5");

        Assert.Equal("acct_1/u_5", key.ToString());
        Assert.True(key.IsEndUser);
    }
}
