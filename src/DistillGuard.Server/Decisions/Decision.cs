using System.Text.Json.Nodes;
using DistillGuard.Core.Policies;

namespace DistillGuard.Server.Decisions;

/// <summary>What to do with one request.</summary>
/// <param name="Action">The action: <c>throttle</c> means refuse now and retry after <paramref name="RetryAfterMs"/>.</param>
/// <param name="Reasons">Why, one line each (policy, override, throttle state).</param>
/// <param name="RetryAfterMs">For <c>throttle</c>, when the subject may try again.</param>
/// <param name="Rewrite">For <c>degrade</c>, the request to serve instead, when a request was given.</param>
internal sealed record Decision(EnforcementAction Action, IReadOnlyList<string> Reasons, long? RetryAfterMs, JsonObject? Rewrite);
