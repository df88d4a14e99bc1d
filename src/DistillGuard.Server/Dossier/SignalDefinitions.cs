namespace DistillGuard.Server.Dossier;

/// <summary>What each of the engine's signals measures, in one sentence (from the signals' own documentation).</summary>
internal static class SignalDefinitions
{
    private static readonly Dictionary<string, string> Definitions = new(StringComparer.Ordinal)
    {
        ["reasoning_elicitation"] = "Share of prompts whose wrapper demands the full chain of reasoning, hidden thinking, exhaustive derivations or thinking in the question's language; a plain \"explain step by step\" does not count.",
        ["templated_harvest"] = "A large share of prompts share one skeleton (the same opening or closing words around a variable slot) and collect long answers.",
        ["long_answers"] = "One question at a time with very long answers (completion plus reasoning tokens), the shape of collecting training examples rather than a conversation.",
        ["systematic_coverage"] = "Prompts sweep many tasks of a 24-topic taxonomy evenly and draw on public task collections, instead of returning to a user's few needs.",
        ["novelty"] = "Share of prompts never sent before; harvesters rarely repeat, evaluation harnesses replay a fixed set across model versions.",
        ["harvest_parameters"] = "Several choices per prompt (n > 1), log-probabilities with long outputs, very high output budgets and reasoning effort; one-token log-probabilities do not count.",
        ["output_volume"] = "Completion and reasoning tokens per active day, against what the account's plan and age make ordinary.",
        ["automation"] = "Requests around the clock with no daily rest, at regular intervals, one turn each (weak on its own by design).",
        ["infrastructure"] = "Many addresses and networks for one subject (residential-proxy rotation), VPN and Tor exits, accounts harvesting on their first day.",
        ["end_user_harvesting"] = "For an account that serves end users: the share of its end users that are themselves flagged.",
        ["end_user_sweep"] = "One end user of a router or an app working through public task collections, one single-turn item after another.",
        ["collective_sweep"] = "Campaigns only: linked accounts jointly working through public task collections with almost no prompt asked twice.",
        ["multi_turn_elicitation"] = "Conversations kept going with short follow-up turns that each draw a long answer, across many conversations.",
        ["tool_harvest"] = "Agent trajectories swept across many tasks whose tool results hardly vary (canned results replayed to record trajectories).",
        ["peer_indicator"] = "A payment, connection or prompt fingerprint that a peer provider reported as part of a campaign, weighted by the peer's confidence and the report's age.",
    };

    /// <summary>The definition of a signal, or a note that this build has none.</summary>
    public static string Of(string name) => Definitions.TryGetValue(name, out var definition) ? definition : "(no definition in this build)";
}
