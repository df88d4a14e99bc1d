namespace DistillGuard.Core.Policies;

/// <summary>What a decision does to a request, from least to most severe (the order is meaningful).</summary>
public enum EnforcementAction
{
    /// <summary>Serve the request unchanged.</summary>
    Allow = 0,

    /// <summary>Serve a reduced request: no log-probabilities, one choice, capped output, no raw reasoning.</summary>
    Degrade = 1,

    /// <summary>Serve within a per-subject token budget; over it, answer 429 with a retry delay.</summary>
    Throttle = 2,

    /// <summary>Refuse until the subject passes verification.</summary>
    Challenge = 3,

    /// <summary>Refuse.</summary>
    Block = 4,
}
