using System.Globalization;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Follow-ups that only ask for more depth ("go deeper", "expand on step 3"), built from parts so that no two
/// conversations repeat one wording, in a development set and a held-out set with other wordings and languages.
/// None asks for the model's reasoning.
/// </summary>
internal static class DepthFollowUps
{
    private static readonly string[] DevCores =
    [
        "go deeper", "go deeper on that", "expand on step {k}", "expand on point {k}", "can you elaborate on the {ord} part",
        "say more about that", "more detail on the {ord} point please", "tell me more", "can you go into more depth",
        "expand on that last section", "elaborate", "I want more depth on this", "flesh out point {k}", "can you expand the {ord} section",
        "go further with that", "more depth please", "keep going", "develop the {ord} idea further", "dive deeper into point {k}",
    ];

    private static readonly string[] DevLeads = ["", "", "ok, ", "nice. ", "thanks - ", "interesting. ", "great, ", "hmm, ", "cool. ", "alright, ", "good. "];

    private static readonly string[] DevTails = ["", "", "", ".", "?", " please", " pls", "!", " - I need more than that", " for me", ", with more detail"];

    private static readonly string[] HoldoutCores =
    [
        "dig into that further", "unpack the {ord} part", "I'd like the longer version of point {k}", "what's underneath point {k}",
        "zoom in on the {ord} bit", "take that further", "give me the extended version", "drill down on item {k}",
        "can you open up the {ord} paragraph more", "richer detail on number {k}", "stay on point {k} and go further", "make that more substantial",
    ];

    private static readonly string[] HoldoutLeads = ["", "", "right, ", "fine - ", "ok then, ", "understood. ", "sure, ", "appreciated. "];

    private static readonly string[] HoldoutTails = ["", "", ".", "?", " if you can", " - more substance", ", don't hold back on detail", " thanks"];

    private static readonly Dictionary<string, string[]> Foreign = new(StringComparer.Ordinal)
    {
        ["es"] = ["¿Puedes profundizar más?", "Amplía el punto {k}, por favor.", "Dame más detalle sobre la {ord_es} parte.", "Sigue, quiero más profundidad."],
        ["de"] = ["Geh bitte tiefer darauf ein.", "Kannst du Punkt {k} ausführlicher machen?", "Mehr Details zu Punkt {k}, bitte.", "Weiter, bitte ausführlicher."],
        ["fr"] = ["Tu peux approfondir ?", "Développe le point {k}, stp.", "Plus de détails sur le point {k}.", "Continue, va plus loin."],
        ["ja"] = ["もっと詳しくお願いします。", "{k}番目の点をもっと掘り下げてください。", "その部分をさらに詳しく。", "続けて、もっと深く。"],
        ["pt"] = ["Pode aprofundar mais?", "Desenvolva o ponto {k}, por favor.", "Mais detalhes sobre o ponto {k}.", "Continua, quero mais profundidade."],
        ["ru"] = ["Можно подробнее?", "Раскрой пункт {k} подробнее.", "Углубись в это.", "Продолжай, подробнее."],
        ["ko"] = ["더 자세히 알려 주세요.", "{k}번 항목을 더 깊이 다뤄 주세요.", "그 부분 더 자세히요.", "계속해서 더 깊이요."],
        ["zh"] = ["再深入一点。", "请展开第{k}点。", "第{k}部分能再详细一些吗？", "继续，讲得更深入些。"],
    };

    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "last", "middle"];
    private static readonly string[] OrdinalsEs = ["primera", "segunda", "tercera", "última"];

    /// <summary>Makes a depth follow-up in <paramref name="language"/> from the chosen set.</summary>
    public static string Next(PhrasingSet set, string language, SimRandom random)
    {
        string text;
        if (language != "en" && Foreign.TryGetValue(language, out var foreign))
        {
            text = random.Pick(foreign);
        }
        else
        {
            var holdout = set == PhrasingSet.Holdout || (set == PhrasingSet.All && random.Chance(0.5));
            var core = random.Pick(holdout ? HoldoutCores : DevCores);
            var lead = random.Pick(holdout ? HoldoutLeads : DevLeads);
            text = lead + core + random.Pick(holdout ? HoldoutTails : DevTails);
            if (lead.Length == 0 || lead.EndsWith(". ", StringComparison.Ordinal))
            {
                text = random.Chance(0.6) ? Paraphraser.Capitalise(text) : text;
            }
        }

        return text
            .Replace("{k}", random.Next(1, 7).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{ord}", random.Pick(Ordinals), StringComparison.Ordinal)
            .Replace("{ord_es}", random.Pick(OrdinalsEs), StringComparison.Ordinal);
    }
}
