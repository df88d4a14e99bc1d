using System.Text;
using System.Text.Json;
using DistillGuard.Core.Exchanges;
using DistillGuard.Ingest.Exchanges;
using DistillGuard.Server.Gateway;

namespace DistillGuard.Server.Tests.Gateway;

public sealed class ServedRequestReaderTests
{
    private const string Body =
        """{"model":"frontier-large","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"First"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"second"}]},{"role":"assistant","content":"An earlier answer."},{"role":"user","content":"Why?"}],"temperature":0.2,"top_p":0.9,"n":2,"max_tokens":100,"max_completion_tokens":200,"logprobs":true,"top_logprobs":3,"seed":42,"reasoning_effort":"high","stream":false,"tools":[{"type":"function","function":{"name":"f"}}],"response_format":{"type":"json_object"},"user":"u-1","safety_identifier":"s-1"}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_ServedBody_IsTheRequestTheLogReaderReads(bool keepTexts)
    {
        var line = """{"id":"ex_1","ts":"2026-01-01T00:00:00Z","account_id":"acct_1","request":""" + Body + ""","response":{"status":200}}""";
        Assert.True(new DgExchangeParser(keepTexts).TryParse(Encoding.UTF8.GetBytes(line), out var parsed, out var error), error);
        using var document = JsonDocument.Parse(Body);

        var read = ServedRequestReader.Read(document.RootElement, keepTexts, out var why);

        Assert.NotNull(read);
        Assert.Null(why);
        Assert.Equal(parsed.Request.Messages, read.Messages);
        Assert.Equal(parsed.Request with { Messages = read.Messages }, read);
    }

    [Theory]
    [InlineData("""{"messages":[]}""")]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"model":"m","messages":[{"content":"no role"}]}""")]
    public void Read_WithoutModelMessagesOrRole_IsNotRecorded(string body)
    {
        using var document = JsonDocument.Parse(body);

        Assert.Null(ServedRequestReader.Read(document.RootElement, keepTexts: false, out var why));
        Assert.NotNull(why);
    }
}
