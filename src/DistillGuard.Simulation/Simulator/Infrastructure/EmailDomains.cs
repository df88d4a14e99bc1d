using System.Globalization;

namespace DistillGuard.Simulation.Simulator.Infrastructure;

/// <summary>E-mail domains accounts sign up with.</summary>
internal static class EmailDomains
{
    /// <summary>Global consumer providers, with weights.</summary>
    public static readonly IReadOnlyList<Weighted<string>> Consumer =
    [
        new("gmail.com", 48), new("outlook.com", 12), new("hotmail.com", 6), new("yahoo.com", 6), new("icloud.com", 7),
        new("proton.me", 3), new("protonmail.com", 1.5), new("live.com", 2), new("me.com", 1), new("aol.com", 1),
        new("duck.com", 0.8), new("tutanota.com", 0.3), new("hey.com", 0.3), new("fastmail.com", 0.6), new("pm.me", 0.4),
    ];

    /// <summary>Disposable-mail services that throw-away accounts favour.</summary>
    public static readonly IReadOnlyList<string> Disposable =
    [
        "sharklasers.com", "guerrillamailblock.com", "yopmail.net", "mailto.plus", "fexbox.org", "dropmail.me",
        "emltmp.com", "tmpbox.net", "inboxkitten.com", "mail.tm", "tmail.ws", "spymail.one",
    ];

    private static readonly string[] WordsA =
    [
        "bright", "north", "blue", "clear", "silver", "quick", "open", "deep", "true", "green", "solid", "swift", "prime",
        "lumen", "atlas", "cedar", "harbor", "pixel", "vector", "nimbus", "orbit", "kite", "maple", "summit", "ember",
        "delta", "fable", "grove", "iris", "juniper", "keystone", "lattice", "meadow", "nova", "onyx", "pioneer", "quartz",
    ];

    private static readonly string[] WordsB =
    [
        "path", "wind", "works", "labs", "forge", "stack", "ly", "ware", "point", "data", "metrics", "logic", "base", "hub",
        "field", "line", "bridge", "craft", "sense", "loop", "scale", "mind", "flow", "signal", "shift", "yard", "layer",
    ];

    private static readonly string[] Tlds = [".com", ".io", ".co", ".ai", ".dev", ".net", ".de", ".co.uk", ".app", ".tech"];

    private static readonly string[] CheapTlds = [".xyz", ".top", ".shop", ".icu", ".site", ".online", ".click", ".buzz"];

    public static string PickConsumer(SimRandom random, CountryProfile country) =>
        random.Chance(0.3) ? random.Pick(country.EmailDomains) : random.PickWeighted(Consumer);

    /// <summary>Makes a company-like domain such as <c>brightforge.io</c>.</summary>
    public static string Organisation(SimRandom random) =>
        random.Pick(WordsA) + (random.Chance(0.25) ? "-" : string.Empty) + random.Pick(WordsB) + random.Pick(Tlds);

    /// <summary>Makes a freshly registered catch-all domain of the kind account farms use, such as <c>mx7q2k.top</c>.</summary>
    public static string Throwaway(SimRandom random) =>
        random.Chance(0.5)
            ? random.Pick(WordsA) + random.Next(10, 999).ToString(CultureInfo.InvariantCulture) + random.Pick(CheapTlds)
            : random.Hex(2) + random.Pick(WordsB) + random.Hex(2) + random.Pick(CheapTlds);
}
