using System.Text;
using DistillGuard.Cli.Bench;
using DistillGuard.Ingest;

namespace DistillGuard.Cli.Tests.Bench;

public sealed class ParseFloorTests
{
    [Fact]
    public void Run_ValidLines_CountsEachAndTouchesTheText()
    {
        var text = string.Join('\n', ExchangeLines.Lines(25, 3)) + "\n";

        var count = ParseFloor.Run(new MemoryStream(Encoding.UTF8.GetBytes(text)), InputFormat.Exchange);

        Assert.Equal(25, count.Parsed);
        Assert.Equal(0, count.Failed);
        Assert.True(count.Checksum > 25 * "What is the capital".Length);
    }

    [Fact]
    public void Run_BlankCrLfAndUnterminatedLines_CountsOnlyTheExchanges()
    {
        var lines = ExchangeLines.Lines(3, 1);
        var text = lines[0] + "\r\n\r\n   \n" + lines[1] + "\n" + lines[2];

        var count = ParseFloor.Run(new MemoryStream(Encoding.UTF8.GetBytes(text)), InputFormat.Exchange);

        Assert.Equal(3, count.Parsed);
        Assert.Equal(0, count.Failed);
    }

    [Fact]
    public void Run_MalformedLine_CountsItAsFailed()
    {
        var text = ExchangeLines.Lines(1, 1)[0] + "\nnot json\n{\"id\":\n";

        var count = ParseFloor.Run(new MemoryStream(Encoding.UTF8.GetBytes(text)), InputFormat.Exchange);

        Assert.Equal(1, count.Parsed);
        Assert.Equal(2, count.Failed);
    }

    [Fact]
    public void Run_LineLongerThanTheBuffer_GrowsAndParsesIt()
    {
        var prompt = new string('x', 3 * 1024 * 1024);
        var text = ExchangeLines.Line(0, "acct_long", prompt) + "\n" + ExchangeLines.Line(1, "acct_short", "hi") + "\n";

        var count = ParseFloor.Run(new MemoryStream(Encoding.UTF8.GetBytes(text)), InputFormat.Exchange);

        Assert.Equal(2, count.Parsed);
        Assert.True(count.Checksum >= prompt.Length);
    }

    [Fact]
    public void Run_LiteLlmPayload_TouchesItsMessages()
    {
        const string line = """{"id":"chatcmpl-1","startTime":"2025-01-24 09:20:46.847371","metadata":{"user_api_key_org_id":"org_1"},"messages":[{"role":"user","content":"Hello there"}]}""";

        var count = ParseFloor.Run(new MemoryStream(Encoding.UTF8.GetBytes(line + "\n")), InputFormat.LiteLlm);

        Assert.Equal(1, count.Parsed);
        Assert.Equal("chatcmpl-1".Length + "2025-01-24 09:20:46.847371".Length + "org_1".Length + "Hello there".Length, count.Checksum);
    }
}
