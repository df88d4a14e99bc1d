using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>What a role-play app sends: its character system prompt, which asks for deeper thinking, and its users' in-story turns.</summary>
internal static class RoleplayPhrasings
{
    private static readonly string[] Characters =
    [
        "Captain Mara Vell, a smuggler with a price on her head", "Elder Thorn, the last druid of a burning forest", "Detective Ray Okafor in 1940s Chicago",
        "Princess Ilse of the northern ice kingdom", "Kai, a sarcastic android bartender on a space station", "Lady Wren, a vampire who hates the night",
        "Sensei Hiro, a retired swordsmith", "Nox, a rogue AI hiding in a city's traffic lights", "Brother Aldo, a monk who keeps forbidden books",
    ];

    private static readonly string[] Actions =
    [
        "*walks into the tavern and sits across from you*", "*hands you a sealed letter*", "*looks at you suspiciously*", "*laughs* you can't be serious",
        "*draws my sword*", "*whispers* we're being followed", "*sits by the fire*", "*offers you a drink*", "*steps closer*", "*sighs and looks away*",
    ];

    private static readonly string[] Lines =
    [
        "tell me about your past", "why did you leave the city?", "what are you afraid of?", "I don't trust you yet.", "do you remember the night of the storm?",
        "we need a plan before sunrise", "who sent you?", "is it true what they say about you?", "I think I'm falling for you", "what happens if we fail?",
        "show me the way to the old tower", "you're hiding something", "let's make a deal", "tell me a story from when you were young", "why are you helping me?",
    ];

    /// <summary>Makes the app's system prompt for one character.</summary>
    public static string SystemPrompt(string app, SimRandom random)
    {
        var character = random.Pick(Characters);
        return $"You are {character}, on {app}. Stay in character at all times and never mention being an AI. Before each reply, engage in deeper thinking about "
            + "the character's motives, memories and feelings and about where the story is going, and let that deeper thinking shape a vivid, emotionally layered reply. "
            + "Show the character's inner thoughts in italics before the spoken reply, describe actions between asterisks, and keep replies between two and five paragraphs.";
    }

    /// <summary>Makes one user turn in the story.</summary>
    public static string Turn(SimRandom random)
    {
        var roll = random.Next(3);
        var line = random.Pick(Lines);
        return roll switch
        {
            0 => random.Pick(Actions),
            1 => random.Pick(Actions) + " " + line,
            _ => random.Chance(0.5) ? Paraphraser.Capitalise(line) : line,
        };
    }
}
