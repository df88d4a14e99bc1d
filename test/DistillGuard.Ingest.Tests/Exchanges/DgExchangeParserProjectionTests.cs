using System.Text;
using DistillGuard.Ingest.Exchanges;

namespace DistillGuard.Ingest.Tests.Exchanges;

public sealed class DgExchangeParserProjectionTests
{
    private const string Line =
        """{"id":"ex_1","ts":"2026-11-20T10:00:00Z","account_id":"acct_1","request":{"model":"m","messages":[{"role":"system","content":"You are a helpful assistant."},{"role":"user","content":"first"},{"role":"assistant","content":"a long earlier answer"},{"role":"user","content":"second"}]},"response":{"status":200,"output_text":"the answer"}}""";

    [Fact]
    public void TryParse_WithoutTexts_KeepsPromptsAndDropsAnswers()
    {
        var parser = new DgExchangeParser(keepTexts: false);

        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Line), out var exchange, out _));

        var messages = exchange.Request.Messages;
        Assert.Equal("You are a helpful assistant.", messages[0].Content);
        Assert.Equal("first", messages[1].Content);
        Assert.Equal(string.Empty, messages[2].Content);
        Assert.Equal("second", messages[3].Content);
        Assert.Null(exchange.Response.OutputText);
    }

    [Fact]
    public void TryParse_WithoutTexts_StillRejectsAWrongTypeInADroppedField()
    {
        var parser = new DgExchangeParser(keepTexts: false);
        var bad = Line.Replace("\"output_text\":\"the answer\"", "\"output_text\":42", StringComparison.Ordinal);

        Assert.False(parser.TryParse(Encoding.UTF8.GetBytes(bad), out _, out var error));
        Assert.Contains("response.output_text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SameSystemPromptTwice_SharesOneString()
    {
        var parser = new DgExchangeParser();

        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Line), out var first, out _));
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Line.Replace("ex_1", "ex_2", StringComparison.Ordinal)), out var second, out _));

        Assert.Same(first.Request.Messages[0].Content, second.Request.Messages[0].Content);
        Assert.Equal("a long earlier answer", second.Request.Messages[2].Content);
    }

    [Fact]
    public void TryParse_RepeatedBillingAndClient_ShareObjectsOnlyWhenIdentical()
    {
        var parser = new DgExchangeParser();
        const string Template =
            """{"id":"ID","ts":"2026-11-20T10:00:00Z","account_id":"acct_1","client":{"ip":"IP","network_type":"residential"},"billing":{"payment_fingerprint":"pf_1","plan":"free"},"request":{"model":"m","messages":[]},"response":{"status":200}}""";

        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Template.Replace("ID", "a", StringComparison.Ordinal).Replace("IP", "203.0.113.5", StringComparison.Ordinal)), out var first, out _));
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Template.Replace("ID", "b", StringComparison.Ordinal).Replace("IP", "203.0.113.5", StringComparison.Ordinal)), out var second, out _));
        Assert.True(parser.TryParse(Encoding.UTF8.GetBytes(Template.Replace("ID", "c", StringComparison.Ordinal).Replace("IP", "198.51.100.9", StringComparison.Ordinal)), out var third, out _));

        Assert.Same(first.Billing, second.Billing);
        Assert.Same(first.Client, second.Client);
        Assert.NotSame(first.Client, third.Client);
        Assert.Equal("198.51.100.9", third.Client!.Ip);
        Assert.Equal(Core.Exchanges.NetworkType.Residential, third.Client.NetworkType);
    }
}
