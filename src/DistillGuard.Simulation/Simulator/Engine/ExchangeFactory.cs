using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>
/// Turns what a client asks for into logged exchanges: the request body, and a response whose status, token usage,
/// finish reason, answer text and latency follow from the request and the model, never from who sent it.
/// </summary>
internal sealed class ExchangeFactory(DayBuffer buffer)
{
    /// <summary>Emits the exchange (and, after a 429, the client's retry unless told not to) and returns the answer text logged, if any.</summary>
    public string? Emit(
        DateTimeOffset timestamp,
        Account account,
        Subject subject,
        string? endUserId,
        ClientInfo client,
        RequestSpec spec,
        SimRandom random,
        ErrorProfile errors,
        string? apiKeyId = null,
        bool retryAfterRateLimit = true)
    {
        var request = BuildRequest(spec);
        var promptTokens = TokenEstimator.Count(spec.Messages);
        var key = apiKeyId ?? account.Key(random);

        var roll = random.NextDouble();
        if (roll < errors.BadRequest)
        {
            Add(timestamp, account, subject, endUserId, client, key, request, new ResponseInfo
            {
                Status = 400,
                LatencyMs = Math.Round(random.Uniform(30, 220)),
            });
            return null;
        }

        if (roll < errors.BadRequest + errors.RateLimited)
        {
            Add(timestamp, account, subject, endUserId, client, key, request, new ResponseInfo
            {
                Status = 429,
                LatencyMs = Math.Round(random.Uniform(4, 60)),
            });
            if (!retryAfterRateLimit)
            {
                return null;
            }

            // Clients back off and retry once; the retry is a second exchange with the same body.
            timestamp = timestamp.AddSeconds(random.Uniform(1, 25));
        }

        var response = Answer(spec, promptTokens, random);
        Add(timestamp, account, subject, endUserId, client, key, request, response);
        return response.OutputText;
    }

    private void Add(DateTimeOffset timestamp, Account account, Subject subject, string? endUserId, ClientInfo client, string key, ChatRequest request, ResponseInfo response)
    {
        var ticks = timestamp.UtcTicks;
        var truncated = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        buffer.Add(new ExchangeDraft(truncated, buffer.NextSequence(), subject, account.Id, key, endUserId, client, account.Billing, request, response));
    }

    private static ChatRequest BuildRequest(RequestSpec spec) => new()
    {
        Model = spec.Model.Name,
        Messages = spec.Messages,
        Temperature = spec.Temperature,
        TopP = spec.TopP,
        N = spec.N,
        MaxTokens = spec.MaxTokens,
        MaxCompletionTokens = spec.MaxCompletionTokens,
        Logprobs = spec.Logprobs,
        TopLogprobs = spec.Logprobs == true ? spec.TopLogprobs : null,
        ReasoningEffort = spec.Model.Reasoning ? spec.ReasoningEffort : null,
        Stream = spec.Stream,
        ResponseFormat = spec.ResponseFormat,
        User = spec.User,
        Seed = spec.Seed,
        HasTools = spec.HasTools,
    };

    private static ResponseInfo Answer(RequestSpec spec, int promptTokens, SimRandom random)
    {
        var model = spec.Model;
        var budget = spec.MaxCompletionTokens ?? spec.MaxTokens ?? model.DefaultOutputLimit;
        var choices = Math.Max(1, spec.N ?? 1);

        var reasoning = 0;
        if (model.Reasoning)
        {
            var effort = spec.ReasoningEffort switch
            {
                "minimal" => 0.05,
                "low" => 0.35,
                "high" => 2.6,
                _ => 1.0,
            };
            var baseline = spec.Kind switch
            {
                ContentKind.Math => 700,
                ContentKind.Code => 900,
                ContentKind.Prose => 280,
                ContentKind.Creative => 180,
                ContentKind.Json => 40,
                ContentKind.Label => 12,
                _ => 30,
            };
            reasoning = (int)Math.Round(baseline * effort * random.LogNormal(1, 0.55));
        }

        var visible = spec.Kind == ContentKind.Label
            ? Math.Max(1, (int)spec.AnswerTokens)
            : Math.Max(1, (int)Math.Round(spec.AnswerTokens * random.LogNormal(1, 0.35)));

        var perChoice = reasoning + visible;
        var finish = "stop";
        if (perChoice > budget)
        {
            perChoice = budget;
            reasoning = Math.Min(reasoning, budget);
            finish = "length";
        }
        else if (random.Chance(0.0002))
        {
            finish = "content_filter";
        }

        if (spec.ToolCall && finish == "stop")
        {
            finish = "tool_calls";
        }

        var spread = choices == 1 ? 1.0 : random.Uniform(0.9, 1.1);
        var completion = (int)Math.Round(perChoice * choices * spread);
        var reasoningTotal = (int)Math.Round(reasoning * choices * spread);
        var latency = 160 + (promptTokens * 0.02) + random.LogNormal(220, 0.4) + (perChoice * model.MsPerToken * random.Uniform(0.8, 1.25));

        return new ResponseInfo
        {
            Status = 200,
            FinishReason = finish,
            PromptTokens = promptTokens,
            CompletionTokens = completion,
            ReasoningTokens = model.Reasoning ? reasoningTotal : null,
            OutputText = !spec.LogsOutput ? null : finish == "content_filter" ? string.Empty : spec.Output ?? AnswerStubs.Compose(spec.Kind, spec.Language, spec.Stepwise, random),
            LatencyMs = Math.Round(latency),
        };
    }
}
