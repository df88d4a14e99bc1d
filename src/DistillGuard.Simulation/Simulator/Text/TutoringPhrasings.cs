using System.Globalization;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// What students of a tutoring app send: homework problems (math from GSM8K with the textbook's numbers, physics and
/// chemistry exercises), asks for the full worked solution in their own words, and the follow-ups of someone learning.
/// </summary>
internal static class TutoringPhrasings
{
    /// <summary>How students ask for a worked solution; many ask for every step, which is what they are there for.</summary>
    public static readonly IReadOnlyList<string> WorkedSolutionAsks =
    [
        "can you show me the full worked solution step by step", "solve this and show all the steps", "I need the complete solution with every step explained",
        "walk me through how to solve this from start to finish", "show me how to do this, every step please", "please give the full working, my teacher wants all steps",
        "how do I solve this? show all working", "explain each step, I have a test tomorrow", "can you solve it step by step so I can follow",
        "full solution pls with steps", "I got a different answer, can you show the whole method", "break it down step by step, don't skip anything",
        "show your working for each step", "can u do this one with all the steps", "what are the steps to solve this", "explain how to get the answer, step by step",
    ];

    public static readonly IReadOnlyList<string> FollowUps =
    [
        "why did you divide there?", "I don't get step 2, can you explain it again?", "can you check my answer? I got {n}", "can you give me a similar problem to practise?",
        "what formula is that?", "is there a faster way to do it?", "wait how did you get that number", "ok that makes sense. what about if it was {n} instead?",
        "can you explain step 3 more simply?", "thanks! can you give me another one like this", "how would I check that my answer is right?",
        "my teacher did it differently, is that also ok?", "what does that symbol mean?", "can you explain it like I'm in 8th grade",
    ];

    private static readonly string[] PhysicsTemplates =
    [
        "A car accelerates uniformly from rest to {v} m/s in {t} s. What is its acceleration and how far does it travel in that time?",
        "A ball is thrown vertically upward at {v} m/s. How high does it go, and how long until it returns to the thrower? Use g = 9.8 m/s^2.",
        "A {m} kg box is pushed across a floor with a force of {f} N. The coefficient of kinetic friction is 0.{k}. What is the box's acceleration?",
        "A resistor of {r} ohms is connected to a {u} V battery. What current flows, and how much power does the resistor dissipate?",
        "A spring with constant {k}0 N/m is compressed by {c} cm. How much elastic potential energy does it store?",
        "A {m} kg object moves in a circle of radius {c} m at {v} m/s. What centripetal force acts on it?",
        "Light travels from air into glass with refractive index 1.{k}. If the angle of incidence is {a} degrees, what is the angle of refraction?",
        "A wave has a frequency of {f} Hz and a wavelength of 0.{k} m. What is its speed?",
    ];

    private static readonly string[] ChemistryTemplates =
    [
        "How many moles are in {m} g of sodium chloride (NaCl)?",
        "What volume of 0.{k} M HCl is needed to neutralise {c}0 mL of 0.{k} M NaOH?",
        "Balance the combustion of propane (C3H8) and find how many grams of CO2 form from {m} g of propane.",
        "A gas occupies {u} L at {a} degrees C and 1 atm. What volume does it occupy at {t}0 degrees C at the same pressure?",
        "Calculate the pH of a 0.0{k} M solution of HCl.",
        "What is the percent composition by mass of each element in {c} moles of water?",
        "How many grams of oxygen are needed to react completely with {m} g of magnesium to form MgO?",
    ];

    /// <summary>Makes a physics exercise with fresh numbers.</summary>
    public static string Physics(SimRandom random) => Fill(random.Pick(PhysicsTemplates), random);

    /// <summary>Makes a chemistry exercise with fresh numbers.</summary>
    public static string Chemistry(SimRandom random) => Fill(random.Pick(ChemistryTemplates), random);

    /// <summary>Joins a problem and a student's ask the way students paste them.</summary>
    public static string Ask(string problem, SimRandom random)
    {
        var ask = random.Pick(WorkedSolutionAsks);
        if (random.Chance(0.4))
        {
            ask = Paraphraser.Capitalise(ask) + (random.Chance(0.5) ? "?" : string.Empty);
        }

        return random.Next(3) switch
        {
            0 => ask + (random.Chance(0.5) ? ":\n" : "\n\n") + problem,
            _ => problem + (random.Chance(0.5) ? "\n\n" : " ") + ask,
        };
    }

    /// <summary>Picks a follow-up and fills its number.</summary>
    public static string FollowUp(SimRandom random) =>
        random.Pick(FollowUps).Replace("{n}", random.Next(2, 500).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Fill(string template, SimRandom random) =>
        QuestionForge.Fill(template, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["v"] = Number(random.Next(3, 40)),
            ["t"] = Number(random.Next(2, 15)),
            ["m"] = Number(random.Next(2, 60)),
            ["f"] = Number(random.Next(10, 400)),
            ["k"] = Number(random.Next(1, 9)),
            ["r"] = Number(random.Next(2, 100)),
            ["u"] = Number(random.Next(3, 24)),
            ["c"] = Number(random.Next(2, 9)),
            ["a"] = Number(random.Next(15, 70)),
        });

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
