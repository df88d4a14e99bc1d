using System.Diagnostics;
using System.Text.Json;
using DistillGuard.Core.Findings;

namespace DistillGuard.ServiceBench;

/// <summary>
/// Part 2: <c>POST /v1/decisions</c> in a closed loop (each caller waits for its answer before its next request) over
/// a seeded mix of subjects, flagged and benign, accounts and end users; half the requests carry an OpenAI chat
/// request with <c>logprobs</c>, <c>top_logprobs</c>, <c>n</c> and a large <c>max_tokens</c>, so a <c>degrade</c>
/// decision has something to rewrite.
/// </summary>
public static class DecisionLoad
{
    private static readonly string[] Categories = ["flagged account", "flagged end user", "benign account", "benign end user"];

    /// <summary>Warms up with <paramref name="warmup"/> requests, then measures <paramref name="count"/>.</summary>
    public static async Task<DecisionRun> RunAsync(
        ServiceHost host,
        SubjectPools pools,
        int seed,
        int warmup,
        int count,
        int callers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(pools);
        var mix = MakeMix(pools, seed, warmup + count);
        using var client = BenchHttp.CreateClient(host.BaseAddress, ServiceHost.AdminKey);
        var path = host.ApiPrefix + "/decisions";

        await RunLoopAsync(client, path, mix[..warmup], new long[warmup], null, callers, cancellationToken).ConfigureAwait(false);

        var measured = mix[warmup..];
        var latencies = new long[count];
        var outcomes = new Outcome[count];
        var window = ProcessActivity.Start();
        var started = Stopwatch.GetTimestamp();
        await RunLoopAsync(client, path, measured, latencies, outcomes, callers, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var activity = window.Stop();

        var actions = new SortedDictionary<string, SortedDictionary<string, long>>(StringComparer.Ordinal);
        long withRequest = 0, rewrites = 0;
        var errors = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var outcome = outcomes[i];
            if (outcome.Error is not null)
            {
                if (errors.Count < 10)
                {
                    errors.Add(outcome.Error);
                }

                continue;
            }

            var byAction = actions.TryGetValue(measured[i].Category, out var found) ? found : actions[measured[i].Category] = new(StringComparer.Ordinal);
            byAction[outcome.Action!] = byAction.GetValueOrDefault(outcome.Action!) + 1;
            withRequest += measured[i].HasRequest ? 1 : 0;
            rewrites += outcome.Rewritten ? 1 : 0;
        }

        return new DecisionRun
        {
            Callers = callers,
            Warmup = warmup,
            Requests = count,
            Elapsed = elapsed,
            Latency = LatencySummary.FromTicks(latencies),
            Activity = activity,
            ActionsByCategory = actions.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, long>)p.Value, StringComparer.Ordinal),
            WithRequestBody = withRequest,
            Rewrites = rewrites,
            Failed = outcomes.Count(o => o.Error is not null),
            FirstErrors = errors,
            Subjects = new Dictionary<string, int>(StringComparer.Ordinal)
            {
                [Categories[0]] = pools.FlaggedAccounts.Count,
                [Categories[1]] = pools.FlaggedEndUsers.Count,
                [Categories[2]] = pools.BenignAccounts.Count,
                [Categories[3]] = pools.BenignEndUsers.Count,
            },
        };
    }

    private static async Task RunLoopAsync(
        HttpClient client,
        string path,
        DecisionCall[] calls,
        long[] latencies,
        Outcome[]? outcomes,
        int callers,
        CancellationToken cancellationToken)
    {
        var next = -1;

        async Task CallAsync()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < calls.Length)
            {
                var body = calls[index].Body;
                using var request = BenchHttp.Post(path, "application/json", body, 0, body.Length);
                var sent = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                    var answer = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                    latencies[index] = Stopwatch.GetTimestamp() - sent;
                    outcome = response.IsSuccessStatusCode
                        ? Read(answer)
                        : new Outcome(null, false, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(200, answer.Length)))}");
                }
                catch (HttpRequestException ex)
                {
                    latencies[index] = -1;
                    outcome = new Outcome(null, false, ex.Message);
                }

                if (outcome.Error is not null)
                {
                    latencies[index] = -1;
                }

                if (outcomes is not null)
                {
                    outcomes[index] = outcome;
                }
            }
        }

        var tasks = new Task[callers];
        for (var i = 0; i < callers; i++)
        {
            tasks[i] = Task.Run(CallAsync, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Reads the answer's <c>action</c> and whether it carries a <c>rewrite</c>.</summary>
    private static Outcome Read(byte[] answer)
    {
        var reader = new Utf8JsonReader(answer);
        string? action = null;
        var rewritten = false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                if (reader.ValueTextEquals("action"u8))
                {
                    reader.Read();
                    action = reader.GetString();
                }
                else if (reader.ValueTextEquals("rewrite"u8))
                {
                    reader.Read();
                    rewritten = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }

        return action is null ? new Outcome(null, false, "answer without action") : new Outcome(action, rewritten, null);
    }

    private static DecisionCall[] MakeMix(SubjectPools pools, int seed, int total)
    {
        IReadOnlyList<SubjectKey>[] byCategory = [pools.FlaggedAccounts, pools.FlaggedEndUsers, pools.BenignAccounts, pools.BenignEndUsers];
        var present = Enumerable.Range(0, byCategory.Length).Where(c => byCategory[c].Count > 0).ToArray();
        if (present.Length == 0)
        {
            throw new InvalidOperationException("the traffic has no subjects to ask decisions about");
        }

        var random = new Random(seed);
        var calls = new DecisionCall[total];
        for (var i = 0; i < total; i++)
        {
            var category = present[i % present.Length];
            var pool = byCategory[category];
            var subject = pool[random.Next(pool.Count)];
            var hasRequest = random.Next(2) == 0;
            calls[i] = new DecisionCall(Categories[category], hasRequest, Body(subject, hasRequest, random));
        }

        return calls;
    }

    private static byte[] Body(SubjectKey subject, bool hasRequest, Random random)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("account_id", subject.AccountId);
            if (subject.EndUserId is not null)
            {
                json.WriteString("end_user_id", subject.EndUserId);
            }

            if (hasRequest)
            {
                json.WriteStartObject("request");
                json.WriteString("model", "gpt-4o");
                json.WriteStartArray("messages");
                json.WriteStartObject();
                json.WriteString("role", "user");
                json.WriteString("content", $"Explain step {random.Next(1000)} of the proof in full detail.");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteBoolean("logprobs", true);
                json.WriteNumber("top_logprobs", 5);
                json.WriteNumber("n", 1 + random.Next(1, 5));
                json.WriteNumber("max_tokens", 4096);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed record DecisionCall(string Category, bool HasRequest, byte[] Body);

    private readonly record struct Outcome(string? Action, bool Rewritten, string? Error);
}
