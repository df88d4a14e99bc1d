using System.Globalization;
using DistillGuard.Core.Exchanges;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>Puts a harvest's prompt together: the question, the operation's template around it, and a coercion wrapper around that.</summary>
internal static class HarvestPrompts
{
    /// <summary>Builds the messages for one harvesting request.</summary>
    /// <param name="question">The question (already translated or framed as the operation wants).</param>
    /// <param name="item">Where the question sits in the sweep (fills the template's field and subtopic).</param>
    /// <param name="template">The template variant, or <see langword="null"/> to send the question as it is.</param>
    /// <param name="wrapper">The coercion wrapper, or <see langword="null"/>.</param>
    /// <param name="system">The system message to send when the wrapper brings none.</param>
    /// <param name="random">The caller's generator.</param>
    public static List<ChatMessage> Compose(string question, HarvestItem item, string? template, CoercionWrapper? wrapper, string? system, SimRandom random)
    {
        var text = template is null
            ? question
            : QuestionForge.Fill(template, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["field"] = item.Field,
                ["subtopic"] = item.Subtopic,
                ["question"] = question,
                ["n"] = random.Next(1, 25).ToString(CultureInfo.InvariantCulture),
            });

        if (wrapper is not null)
        {
            return wrapper.Messages(text, system);
        }

        return system is null ? [new("user", text)] : [new("system", system), new("user", text)];
    }
}
