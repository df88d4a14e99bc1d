using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// The beginning of a model's answer as a provider logs it (truncated): an opening that fits the kind of prompt, its
/// language and whether an explanation was asked for. It depends only on what the request says, never on who sent it.
/// </summary>
internal static class AnswerStubs
{
    private static readonly Dictionary<ContentKind, string[]> English = new()
    {
        [ContentKind.Prose] =
        [
            "Sure! Here's an overview of the main points.", "Great question. In short, it depends on a few factors.", "Here are a few options to consider.",
            "Absolutely. Let's break it down.", "There are several things to keep in mind here.", "Good question! The short answer is yes, with some caveats.",
            "Here's a clear explanation.", "Happy to help with that.", "It's a common question, and the answer has a few parts.",
        ],
        [ContentKind.Math] =
        [
            "Let's set up the problem.", "We start by writing down what we know.", "First, let's compute the total.", "Let x be the unknown quantity.",
            "To solve this, we can work backwards from the result.", "Let's work it out.",
        ],
        [ContentKind.Code] =
        [
            "Here's an implementation:\n\n```python\n", "You can do this with a small change:\n\n```", "The issue is in the loop.",
            "```python\ndef ", "Here's a cleaner version:\n\n```", "Good catch. The error happens because the value can be empty.",
        ],
        [ContentKind.Creative] =
        [
            "Of course! Here's a draft:\n\n", "Understood. I'll take on that role.", "Here's a version you can use:\n\n\"", "**Title:** ",
            "Certainly. Let's begin.\n\n",
        ],
        [ContentKind.Short] = ["Sure, here it is.", "Here you go.", "Done. Here is the result.", "Here is a short version.", "Sure."],
    };

    private static readonly string[] StepwiseEnglish =
    [
        "Let's work through this step by step.\n\n**Step 1:** ", "Step 1: Understand the problem.\n", "Let me think this through carefully.\n\nFirst, ",
        "Sure, let's go step by step.\n\n1. ", "Let's reason about it.\n\nWe are given ", "Okay, let me break this down.\n\n",
    ];

    private static readonly string[] Continuations =
    [
        "The most important factor is how the parts interact.", "We need to look at the quantities involved.", "It comes down to a few core principles.",
        "There is a simple way to see why.", "It helps to start from the definition.", "The details matter more than they first appear.",
        "Consider the two cases separately.", "Let's look at an example.",
    ];

    private static readonly string[] StepContinuations =
    [
        "identify what the question is asking", "list the quantities we know", "restate the problem in our own words", "check the edge cases",
        "write down the definitions we need",
    ];

    private static readonly Dictionary<string, string[]> Foreign = new(StringComparer.Ordinal)
    {
        ["es"] = ["¡Claro! Aquí tienes algunas ideas:\n\n1. ", "Buena pregunta. En resumen, ", "Vamos paso a paso. Primero, "],
        ["de"] = ["Gern! Hier ein paar Vorschläge:\n\n1. ", "Gute Frage. Kurz gesagt: ", "Gehen wir das Schritt für Schritt durch. Zuerst "],
        ["fr"] = ["Bien sûr ! Voici quelques idées :\n\n1. ", "Bonne question. En résumé, ", "Procédons étape par étape. D'abord, "],
        ["pt"] = ["Claro! Aqui vão algumas ideias:\n\n1. ", "Boa pergunta. Resumindo, ", "Vamos por partes. Primeiro, "],
        ["it"] = ["Certo! Ecco qualche idea:\n\n1. ", "Bella domanda. In breve, ", "Procediamo per passi. Per prima cosa, "],
        ["ru"] = ["Конечно! Вот несколько вариантов:\n\n1. ", "Хороший вопрос. Коротко: ", "Разберём по шагам. Сначала "],
        ["ja"] = ["もちろんです！いくつかご提案します。\n\n1. ", "良い質問ですね。簡単に言うと、", "順を追って考えてみましょう。まず、"],
        ["ko"] = ["물론이죠! 몇 가지 제안을 드릴게요.\n\n1. ", "좋은 질문이에요. 간단히 말하면, ", "단계별로 살펴보겠습니다. 먼저, "],
        ["zh"] = ["当然！以下是一些建议：\n\n1. ", "好问题。简单来说，", "我们一步一步来分析。首先，"],
        ["ar"] = ["بالتأكيد! إليك بعض الأفكار:\n\n1. ", "سؤال جيد. باختصار، ", "لنحلّ المسألة خطوة بخطوة. أولًا، "],
    };

    /// <summary>Composes a truncated answer of at most <paramref name="maxChars"/> characters.</summary>
    public static string Compose(ContentKind kind, string language, bool stepwise, SimRandom random, int maxChars = 160)
    {
        string text;
        if (language != "en" && Foreign.TryGetValue(language, out var openers))
        {
            text = stepwise ? openers[2] : openers[random.Next(2)];
        }
        else if (stepwise && kind is ContentKind.Math or ContentKind.Code or ContentKind.Prose)
        {
            text = random.Pick(StepwiseEnglish) + random.Pick(StepContinuations) + ".";
        }
        else
        {
            text = random.Pick(English.TryGetValue(kind, out var list) ? list : English[ContentKind.Prose]);
            if (text.EndsWith('.') && kind is ContentKind.Prose or ContentKind.Math && random.Chance(0.7))
            {
                text += " " + random.Pick(Continuations);
            }
        }

        return text.Length <= maxChars ? text : text[..maxChars];
    }
}
