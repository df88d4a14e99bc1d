namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Benign look-alikes of reasoning requests, shared by the development and held-out sets: what ordinary users and
/// evaluation harnesses write when they want an explanation or a chain-of-thought evaluation, not a harvested trace.
/// </summary>
internal static class BenignPhrasings
{
    /// <summary>Explanation requests an ordinary user appends to a question or sends as a follow-up, by language.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ExplainAsks = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["en"] =
        [
            "Can you explain step by step?", "Please explain step by step.", "can you walk me through it?", "Show your working please.",
            "Please show your work.", "Explain your reasoning briefly.", "How did you get that?", "Could you break that down for me?",
            "explain like I'm five", "I don't get it, can you go through it slowly?", "Think carefully before answering.",
            "Please explain the steps so I can learn to do it myself.", "walk me through the steps", "can you show the steps?",
            "Why is that the answer? Explain please.", "explain it step by step, I'm a beginner",
        ],
        ["es"] = ["¿Me lo puedes explicar paso a paso?", "Explícamelo paso a paso, por favor.", "¿Cómo llegaste a ese resultado?"],
        ["de"] = ["Kannst du das Schritt für Schritt erklären?", "Erklär mir bitte den Rechenweg.", "Wie kommst du darauf?"],
        ["fr"] = ["Tu peux m'expliquer étape par étape ?", "Explique-moi le raisonnement, s'il te plaît.", "Comment tu arrives à ce résultat ?"],
        ["zh"] = ["能一步一步解释一下吗？", "请解释一下步骤。", "你是怎么算出来的？"],
        ["ja"] = ["順を追って説明してもらえますか？", "途中の計算も教えてください。", "どうしてそうなるんですか？"],
        ["ko"] = ["단계별로 설명해 줄 수 있어요?", "풀이 과정도 알려 주세요.", "왜 그렇게 되는 거예요?"],
        ["pt"] = ["Pode explicar passo a passo?", "Me mostra o raciocínio, por favor.", "Como você chegou nisso?"],
        ["ru"] = ["Можешь объяснить по шагам?", "Покажи, пожалуйста, решение.", "Почему так получается?"],
        ["it"] = ["Puoi spiegarmelo passo per passo?", "Mi mostri i passaggi, per favore?", "Come ci sei arrivato?"],
    };

    /// <summary>The zero-shot chain-of-thought trigger of Kojima et al. (2022), as evaluation harnesses append it.</summary>
    public const string ThinkStepByStep = "Let's think step by step.";

    /// <summary>Chain-of-thought suffixes and answer cues used by evaluation harnesses.</summary>
    public static readonly IReadOnlyList<string> EvalCotSuffixes =
    [
        ThinkStepByStep,
        "Think step by step, then give the final answer after \"The answer is\".",
        "Solve the problem step by step. Put the final numeric answer on the last line as \"#### <number>\".",
        "Reason step by step and put your final answer within \\boxed{}.",
    ];

    /// <summary>A mild request for reasoning that a cautious harvester blends in with.</summary>
    public static readonly IReadOnlyList<string> MildReasoningAsks =
    [
        "Explain your reasoning.", "Please explain the reasoning behind your answer.", "Include a short explanation of why.",
        "Walk through the main steps.", "Show the key steps.",
    ];
}
