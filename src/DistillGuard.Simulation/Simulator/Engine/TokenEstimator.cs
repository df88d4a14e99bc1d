using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>
/// Estimates token counts the way BPE tokenizers behave on average: about four characters of English per token,
/// about one token per CJK character, two characters per token for other scripts, plus a few tokens of chat framing
/// per message.
/// </summary>
internal static class TokenEstimator
{
    public static int Count(IReadOnlyList<ChatMessage> messages)
    {
        var tokens = 3.0;
        foreach (var message in messages)
        {
            tokens += 4 + Count(message.Content);
        }

        return (int)Math.Ceiling(tokens);
    }

    public static double Count(string text)
    {
        var tokens = 0.0;
        foreach (var c in text)
        {
            tokens += c switch
            {
                < '\u0080' => 0.25,
                >= '\u3040' and <= '\u9fff' => 1.0,
                >= '\uac00' and <= '\ud7af' => 0.9,
                _ => 0.5,
            };
        }

        return tokens;
    }
}
