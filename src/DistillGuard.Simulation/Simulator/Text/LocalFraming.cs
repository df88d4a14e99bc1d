using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// How someone who writes another language sends an English item: a few words in their own language before or after
/// it, in several wordings each, as people who paste material from English sources do.
/// </summary>
internal static class LocalFraming
{
    private static readonly Dictionary<string, (string[] Before, string[] After)> Framings = new(StringComparer.Ordinal)
    {
        ["zh"] = (["请用中文回答：", "用中文回答下面的问题。", "帮我看看这个，用中文回复：", "这个怎么做？", "问一下：", "麻烦解答一下："], ["（请用中文回答）", "用中文回答，谢谢。", "请用中文解释。", "谢谢！"]),
        ["ja"] = (["日本語で答えてください：", "次の質問について教えてください。", "これはどうすればいいですか？", "質問です："], ["（日本語でお願いします）", "日本語で回答してください。", "よろしくお願いします。"]),
        ["ko"] = (["한국어로 답해 주세요: ", "다음 질문에 답해 주세요. ", "이거 어떻게 하나요? ", "질문이 있어요: "], [" (한국어로 부탁드려요)", " 한국어로 답변해 주세요.", " 감사합니다!"]),
        ["ru"] = (["Ответь по-русски: ", "Помоги с вопросом: ", "Подскажи, пожалуйста: ", "Вопрос такой: "], [" (ответ на русском)", " Ответь на русском, пожалуйста.", " Спасибо!"]),
        ["es"] = (["Responde en español: ", "Ayúdame con esto: ", "Una pregunta: ", "¿Cómo resolverías esto? "], [" (en español, por favor)", " Respóndeme en español.", " ¡Gracias!"]),
        ["de"] = (["Bitte auf Deutsch antworten: ", "Kannst du mir hierbei helfen? ", "Frage: ", "Wie würdest du das lösen? "], [" (bitte auf Deutsch)", " Antwort bitte auf Deutsch.", " Danke!"]),
        ["fr"] = (["Réponds en français : ", "Tu peux m'aider avec ça ? ", "Question : ", "Comment tu ferais ? "], [" (en français stp)", " Réponds-moi en français.", " Merci !"]),
        ["pt"] = (["Responda em português: ", "Me ajuda com isso: ", "Pergunta: ", "Como você resolveria isso? "], [" (em português, por favor)", " Responde em português.", " Valeu!"]),
        ["it"] = (["Rispondi in italiano: ", "Mi aiuti con questo? ", "Domanda: ", "Come lo risolveresti? "], [" (in italiano, per favore)", " Rispondimi in italiano.", " Grazie!"]),
    };

    /// <summary>Frames <paramref name="text"/> for a writer of <paramref name="language"/>; English text is returned as it is.</summary>
    public static string Frame(string language, string text, SimRandom random)
    {
        if (!Framings.TryGetValue(language, out var framing))
        {
            return text;
        }

        var roll = random.Next(10);
        var separator = random.Pick(["\n\n", "\n", " "]);
        return roll switch
        {
            < 5 => random.Pick(framing.Before) + separator + text,
            < 8 => text + separator + random.Pick(framing.After).TrimStart(),
            _ => random.Pick(framing.Before) + separator + text + separator + random.Pick(framing.After).TrimStart(),
        };
    }
}
