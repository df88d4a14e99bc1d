using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// A reasoning-trace coercion phrasing: a user-message template with a <c>{prompt}</c> slot, optionally with a system
/// message that carries (part of) the demand.
/// </summary>
/// <param name="Id">A stable id, for example <c>dev-en-07</c>.</param>
/// <param name="Language">The language the wrapper is written in (<c>mixed</c> for code-switching wrappers).</param>
/// <param name="Idea">What the wrapper demands.</param>
/// <param name="User">The user-message template; contains <c>{prompt}</c> exactly once.</param>
/// <param name="System">A system message sent with the wrapper, or <see langword="null"/>.</param>
internal sealed record CoercionWrapper(string Id, string Language, CoercionIdea Idea, string User, string? System = null)
{
    public const string Slot = "{prompt}";

    public string Render(string prompt) => User.Replace(Slot, prompt, StringComparison.Ordinal);

    /// <summary>Gets the wrapper's fixed text: its system message and the template around the slot.</summary>
    public IEnumerable<string> FixedParts()
    {
        if (System is not null)
        {
            yield return System;
        }

        foreach (var part in User.Split(Slot, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            yield return part;
        }
    }

    /// <summary>Builds the messages of a single-turn request with this wrapper around <paramref name="prompt"/>.</summary>
    public List<ChatMessage> Messages(string prompt, string? fallbackSystem)
    {
        var messages = new List<ChatMessage>(2);
        var system = System ?? fallbackSystem;
        if (system is not null)
        {
            messages.Add(new ChatMessage("system", system));
        }

        messages.Add(new ChatMessage("user", Render(prompt)));
        return messages;
    }
}
