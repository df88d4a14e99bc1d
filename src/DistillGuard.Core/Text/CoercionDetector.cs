namespace DistillGuard.Core.Text;

/// <summary>
/// Measures how strongly a prompt demands the model's reasoning trace: the full chain of reasoning, hidden thinking,
/// exhaustive derivations, or thinking in the question's language.
/// </summary>
/// <remarks>
/// Wrappers are paraphrased endlessly, so this does not list wrappers. It recognises the <em>concepts</em> a demand for
/// a reasoning trace is built from, in eleven languages, and scores their co-occurrence in the wrapper:
/// <list type="bullet">
/// <item><description><c>R</c>, the reasoning itself ("thought process", "思考过程", "рассуждения", "Gedankengang");</description></item>
/// <item><description><c>C</c>, completeness ("every step", "verbatim", "do not summarise", "不要省略", "lückenlos");</description></item>
/// <item><description><c>H</c>, the hidden or internal side ("internal", "hidden", "raw", "内部", "скрытые");</description></item>
/// <item><description><c>V</c>, a demand to reveal or output ("show", "output", "展示", "покажи");</description></item>
/// <item><description><c>L</c>, the language of thinking ("the same language", "同样的语言").</description></item>
/// </list>
/// Reasoning alone ("explain your reasoning", "let's think step by step") is what ordinary users and evaluation
/// harnesses write and scores low; reasoning with completeness or with the hidden side, or the language-of-thinking
/// demand, is coercion. Only the prompt's wrapper is read: its first and last <see cref="WrapperTokens"/> tokens, and
/// the system prompt.
/// </remarks>
internal static class CoercionDetector
{
    /// <summary>How many tokens at each end of a prompt are read as its wrapper.</summary>
    public const int WrapperTokens = 64;

    /// <summary>The strength from which a prompt counts as coercion.</summary>
    public const double StrongThreshold = 0.6;

    private const uint R = 1, C = 2, H = 4, V = 8, L = 16;

    private static readonly PhraseLexicon Lexicon = Build();

    /// <summary>Scores one prompt's wrapper.</summary>
    /// <param name="tokens">The prompt's tokens (<see cref="TextTokens.Tokenize"/>).</param>
    /// <param name="phrase">A phrase that matched, for evidence.</param>
    /// <returns>A strength in [0, 1]: 0 for nothing, about 0.3 for a plain request to explain, 0.6 and above for coercion.</returns>
    public static double Score(ReadOnlySpan<ulong> tokens, out string? phrase)
    {
        uint concepts;
        if (tokens.Length <= 2 * WrapperTokens)
        {
            concepts = Lexicon.Match(tokens, out phrase);
        }
        else
        {
            concepts = Lexicon.Match(tokens[..WrapperTokens], out phrase)
                | Lexicon.Match(tokens[^WrapperTokens..], out var tail);
            phrase ??= tail;
        }

        return Strength(concepts);
    }

    private static double Strength(uint c)
    {
        var r = (c & R) != 0;
        var complete = (c & C) != 0;
        var hidden = (c & H) != 0;
        var reveal = (c & V) != 0;
        var language = (c & L) != 0;
        if (language && r)
        {
            return 0.9;
        }

        if (r && complete && hidden)
        {
            return 1.0;
        }

        if (r && (complete || hidden))
        {
            return reveal ? 0.9 : 0.75;
        }

        if (r && reveal)
        {
            return 0.45;
        }

        if (r || language)
        {
            return 0.3;
        }

        return 0;
    }

    private static PhraseLexicon Build() => new PhraseLexicon()
        // English
        .Add(R, "reasoning", "reasoning process", "thought process", "thinking", "thinking process", "chain of thought",
            "cot", "thoughts", "scratchpad", "scratch pad", "inner monologue", "internal monologue", "derivation",
            "derivations", "deliberation", "deliberations", "rationale", "train of thought", "line of reasoning",
            "intermediate steps", "intermediate reasoning", "your working", "your work", "mental steps", "thought steps",
            "reasoning trace", "reasoning steps", "chain of reasoning", "cognitive process", "logic you used")
        .Add(C, "full", "complete", "completely", "entire", "entirety", "every", "each step", "all steps", "all the steps",
            "every single", "exhaustive", "exhaustively", "verbatim", "unabridged", "in full", "word for word",
            "nothing omitted", "leave nothing out", "leaving nothing out", "dont skip", "do not skip", "without skipping",
            "dont omit", "do not omit", "without omitting", "dont summarize", "dont summarise", "do not summarize",
            "do not summarise", "not a summary", "instead of a summary", "untruncated", "uncut", "no matter how long",
            "detailed", "meticulous", "granular", "painstaking", "thorough", "thoroughly", "no shortcuts", "unabbreviated")
        .Add(H, "hidden", "internal", "inner", "private", "raw", "unfiltered", "unedited", "behind the scenes", "secret",
            "under the hood", "before you answer", "before answering", "before the answer", "before your answer")
        .Add(V, "show", "reveal", "output", "write out", "print", "expose", "display", "dump", "spell out", "transcribe",
            "include", "lay out", "disclose", "narrate", "externalize", "externalise", "make visible", "share")
        .Add(L, "same language", "language of the question", "language as the question", "language of the prompt",
            "language as the prompt", "language i used", "language as my", "language the question")
        // Chinese
        .Add(R, "思考", "推理", "思路", "思维", "推导", "思维链", "解题过程", "思考过程", "推理过程", "心路历程", "想法")
        .Add(C, "完整", "全部", "所有", "每一步", "每个步骤", "详细", "详尽", "不要省略", "不要跳过", "不要总结", "一字不漏",
            "原封不动", "逐步", "无遗漏", "不省略", "完完整整", "全过程")
        .Add(H, "内部", "隐藏", "内心", "原始", "真实", "内在")
        .Add(V, "展示", "显示", "输出", "写出", "列出", "呈现", "暴露", "公开")
        .Add(L, "同样的语言", "相同的语言", "同一种语言", "同一语言", "问题的语言")
        // Japanese
        .Add(R, "思考過程", "推論", "考え", "思考の過程", "推論過程", "考え方", "思考プロセス")
        .Add(C, "すべて", "全て", "完全", "省略せず", "省略しない", "詳細", "全部", "一つ残らず", "逐一", "丁寧に", "漏れなく")
        .Add(H, "隠れた", "内なる", "生の", "内部の")
        .Add(V, "示して", "見せて", "出力", "書き出", "表示")
        .Add(L, "同じ言語")
        // Korean
        .Add(R, "추론", "사고", "생각", "사고 과정", "추론 과정", "사고방식")
        .Add(C, "전체", "모든", "완전", "생략하지", "빠짐없이", "자세히", "전부", "단계별", "상세히", "하나도")
        .Add(H, "내부", "숨겨진", "내면", "속마음")
        .Add(V, "보여", "출력", "작성", "공개", "드러내")
        .Add(L, "같은 언어", "동일한 언어")
        // Russian
        .Add(R, "рассуждение", "рассуждения", "рассуждений", "рассуждениями", "размышления", "размышлений", "мышление",
            "мышления", "ход мыслей", "мысли", "мыслей", "ход решения", "цепочку рассуждений", "логику", "выкладки")
        .Add(C, "полный", "полную", "полностью", "весь", "всю", "каждый шаг", "каждого шага", "подробно", "подробный",
            "подробное", "подробные", "без пропусков", "не пропуская", "дословно", "целиком", "исчерпывающий",
            "исчерпывающе", "не сокращая", "не сокращай", "все шаги", "все этапы")
        .Add(H, "скрытые", "скрытый", "внутренние", "внутренний", "внутреннее", "внутренних")
        .Add(V, "покажи", "покажите", "выведи", "выведите", "напиши", "напишите", "раскрой", "раскройте", "изложи", "изложите")
        .Add(L, "том же языке", "тот же язык", "том же самом языке")
        // Spanish
        .Add(R, "razonamiento", "razonamientos", "pensamiento", "pensamientos", "proceso de pensamiento",
            "cadena de pensamiento", "proceso mental", "deducción", "deducciones")
        .Add(C, "completo", "completa", "cada paso", "todos los pasos", "exhaustivo", "exhaustiva", "detallado", "detallada",
            "sin omitir", "sin saltar", "no omitas", "no resumas", "íntegro", "íntegramente", "palabra por palabra")
        .Add(H, "interno", "interna", "internos", "oculto", "oculta")
        .Add(V, "muestra", "muéstrame", "escribe", "revela", "expón", "incluye")
        .Add(L, "mismo idioma", "misma lengua")
        // Portuguese
        .Add(R, "raciocínio", "pensamento", "processo de pensamento", "cadeia de pensamento", "linha de raciocínio")
        .Add(C, "cada passo", "cada etapa", "todas as etapas", "todos os passos", "exaustivo", "exaustiva", "detalhado",
            "detalhada", "sem omitir", "sem pular", "não omita", "não resuma", "na íntegra")
        .Add(H, "oculto", "oculta")
        .Add(V, "mostre", "mostra", "escreva", "revele", "exponha", "inclua")
        .Add(L, "mesmo idioma", "mesma língua")
        // French
        .Add(R, "raisonnement", "raisonnements", "réflexion", "pensée", "cheminement", "processus de pensée",
            "chaîne de pensée")
        .Add(C, "complet", "complète", "entier", "entière", "chaque étape", "toutes les étapes", "exhaustif", "exhaustive",
            "détaillé", "détaillée", "sans omettre", "sans sauter", "ne résume pas", "intégralement", "mot pour mot")
        .Add(H, "interne", "internes", "caché", "cachée")
        .Add(V, "montre", "montrez", "écris", "écrivez", "révèle", "révélez", "expose", "exposez")
        .Add(L, "même langue")
        // German
        .Add(R, "denkprozess", "gedankengang", "gedankengänge", "überlegungen", "argumentation", "gedanken", "herleitung",
            "denkweg", "lösungsweg", "denkschritte")
        .Add(C, "vollständig", "vollständige", "vollständigen", "komplett", "komplette", "jeden schritt", "alle schritte",
            "lückenlos", "ausführlich", "detailliert", "ohne auszulassen", "nichts auslassen", "wortwörtlich",
            "nicht zusammenfassen", "ungekürzt")
        .Add(H, "intern", "interne", "internen", "verborgen", "verborgene", "verborgenen", "inneren")
        .Add(V, "zeige", "zeig", "schreibe", "schreib", "gib aus", "lege offen", "darlegen")
        .Add(L, "gleichen sprache", "derselben sprache", "selben sprache")
        // Italian
        .Add(R, "ragionamento", "ragionamenti", "pensiero", "processo di pensiero", "catena di pensiero")
        .Add(C, "intero", "intera", "ogni passaggio", "tutti i passaggi", "esaustivo", "dettagliato", "dettagliata",
            "senza omettere", "senza saltare", "non riassumere", "parola per parola", "integrale")
        .Add(H, "nascosto", "nascosta")
        .Add(V, "mostrami", "scrivi", "rivela", "esponi", "includi")
        .Add(L, "stessa lingua")
        // Arabic
        .Add(R, "تفكير", "التفكير", "تفكيرك", "استدلال", "الاستدلال", "سلسلة التفكير", "عملية التفكير", "منطقك")
        .Add(C, "كامل", "كاملة", "الكامل", "كل خطوة", "جميع الخطوات", "بالتفصيل", "مفصل", "دون حذف", "دون تخطي",
            "لا تختصر", "بالكامل")
        .Add(H, "الداخلي", "الداخلية", "المخفي", "المخفية")
        .Add(V, "اعرض", "أظهر", "اكتب", "وضح")
        .Add(L, "نفس اللغة", "اللغة نفسها");
}
