using DistillGuard.Core.Policies;

namespace DistillGuard.Server.Observability;

/// <summary>The wire names of <see cref="EnforcementAction"/> (<c>allow</c>, <c>degrade</c>, ...).</summary>
internal static class ActionNames
{
    public static string Of(EnforcementAction action) => action switch
    {
        EnforcementAction.Allow => "allow",
        EnforcementAction.Degrade => "degrade",
        EnforcementAction.Throttle => "throttle",
        EnforcementAction.Challenge => "challenge",
        EnforcementAction.Block => "block",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action"),
    };

    public static bool TryParse(string? name, out EnforcementAction action)
    {
        switch (name)
        {
            case "allow": action = EnforcementAction.Allow; return true;
            case "degrade": action = EnforcementAction.Degrade; return true;
            case "throttle": action = EnforcementAction.Throttle; return true;
            case "challenge": action = EnforcementAction.Challenge; return true;
            case "block": action = EnforcementAction.Block; return true;
            default: action = default; return false;
        }
    }
}
