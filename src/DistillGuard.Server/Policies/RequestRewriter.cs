using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace DistillGuard.Server.Policies;

/// <summary>
/// What <c>degrade</c> does to an OpenAI chat-completions (or responses) request body: no log-probabilities or logit
/// bias, one choice, output capped, reasoning effort lowered, raw reasoning withheld.
/// </summary>
internal sealed class RequestRewriter(IOptions<PolicyOptions> options)
{
    private static readonly string[] EffortOrder = ["minimal", "low", "medium", "high"];
    private readonly DegradeOptions _degrade = options.Value.Degrade;

    /// <summary>Rewrites <paramref name="request"/> in place; returns what changed (empty when nothing did).</summary>
    /// <param name="request">The request, or (from the gateway) its small top-level values.</param>
    /// <param name="keptKeys">The request's other top-level keys, which the caller keeps outside <paramref name="request"/> (none are changed).</param>
    public List<string> Degrade(JsonObject request, IReadOnlySet<string>? keptKeys = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var changes = new List<string>();
        foreach (var name in (ReadOnlySpan<string>)["logprobs", "top_logprobs", "logit_bias"])
        {
            if (request.Remove(name))
            {
                changes.Add($"removed {name}");
            }
        }

        // A value of another type than the API's ("8", 8.5, {}) is replaced too: an upstream may read it its own way.
        if (request.TryGetPropertyValue("n", out var n) && !(n is JsonValue nValue && nValue.TryGetValue<long>(out var one) && one <= 1))
        {
            request["n"] = 1;
            changes.Add($"n {n?.ToJsonString() ?? "null"} -> 1");
        }

        var cap = _degrade.MaxOutputTokens;
        var capped = false;
        foreach (var name in (ReadOnlySpan<string>)["max_tokens", "max_completion_tokens", "max_output_tokens"])
        {
            if (!request.TryGetPropertyValue(name, out var budget))
            {
                continue;
            }

            capped = true;
            if (!(budget is JsonValue value && value.TryGetValue<long>(out var tokens) && tokens <= cap))
            {
                request[name] = cap;
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {budget?.ToJsonString() ?? "null"} -> {cap}"));
            }
        }

        if (!capped)
        {
            bool Has(string key) => request.ContainsKey(key) || (keptKeys?.Contains(key) ?? false);
            var name = Has("input") && !Has("messages") ? "max_output_tokens" : "max_completion_tokens";
            request[name] = cap;
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} set to {cap}"));
        }

        LowerEffort(request, "reasoning_effort", changes);
        if (request["reasoning"] is JsonObject reasoning)
        {
            LowerEffort(reasoning, "effort", changes);
            if (_degrade.WithholdReasoning && reasoning["summary"] is not JsonValue)
            {
                reasoning["summary"] = "auto";
                changes.Add("reasoning summarised");
            }
        }

        if (_degrade.WithholdReasoning && request["include_reasoning"] is JsonValue include && include.TryGetValue<bool>(out var on) && on)
        {
            request["include_reasoning"] = false;
            changes.Add("include_reasoning -> false");
        }

        return changes;
    }

    private void LowerEffort(JsonObject owner, string name, List<string> changes)
    {
        if (owner[name] is JsonValue value && value.TryGetValue<string>(out var effort)
            && Array.IndexOf(EffortOrder, effort) > Array.IndexOf(EffortOrder, _degrade.ReasoningEffort))
        {
            owner[name] = _degrade.ReasoningEffort;
            changes.Add($"{name} {effort} -> {_degrade.ReasoningEffort}");
        }
    }
}
