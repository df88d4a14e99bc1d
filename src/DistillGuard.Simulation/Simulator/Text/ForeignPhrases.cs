using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>Short everyday questions and follow-ups of benign users who write in a language other than English.</summary>
internal static class ForeignPhrases
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Questions = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["es"] =
        [
            "¿Qué puedo cocinar esta noche con arroz, huevos y espinacas?", "¿Cómo le explico a mi jefe que necesito un día libre?",
            "Escribe un mensaje de cumpleaños para mi abuela.", "¿Cuál es la diferencia entre un préstamo personal y una hipoteca?",
            "Recomiéndame tres libros de ciencia ficción para el verano.", "¿Cómo quito una mancha de vino tinto del sofá?",
            "¿Es mejor pagar la tarjeta de crédito completa o el mínimo?", "Hazme un plan de entrenamiento de tres días por semana.",
            "¿Qué ver en Madrid en un fin de semana?", "Corrige este texto: \"ayer fuimos al cine y la pelicula estubo muy buena\"",
            "¿Cómo se calcula el IVA de una factura?", "Dame ideas para una fiesta infantil en casa.", "¿Por qué mi planta tiene las hojas amarillas?",
        ],
        ["de"] =
        [
            "Was kann ich heute Abend mit Kartoffeln und Lauch kochen?", "Wie formuliere ich eine höfliche Absage für ein Vorstellungsgespräch?",
            "Schreib mir eine kurze Geburtstagskarte für meinen Kollegen.", "Was ist der Unterschied zwischen ETF und Aktienfonds?",
            "Welche Sehenswürdigkeiten lohnen sich in Hamburg?", "Wie bekomme ich Kalkflecken von der Duschwand?",
            "Kannst du diesen Satz verbessern: \"Ich habe gestern mit mein Freund gesprochen.\"", "Wie viel sollte ich monatlich für die Rente sparen?",
            "Gib mir Tipps für besseren Schlaf.", "Wie funktioniert die Steuererklärung für Studenten?", "Was soll ich für eine Woche Wandern in den Alpen einpacken?",
            "Erkläre mir kurz, wie eine Wärmepumpe funktioniert.",
        ],
        ["fr"] =
        [
            "Qu'est-ce que je peux cuisiner ce soir avec des courgettes et du riz ?", "Comment écrire une lettre de motivation pour un stage ?",
            "Écris un petit mot pour le départ à la retraite d'un collègue.", "Quelle est la différence entre un PEA et une assurance vie ?",
            "Que visiter à Lyon en deux jours ?", "Comment enlever une tache de café sur un tapis ?", "Corrige cette phrase : \"Je me suis rendu compte qu'il avaient raison.\"",
            "Donne-moi des idées de sorties en famille pour le week-end.", "Comment bien préparer un entretien d'embauche ?",
            "Pourquoi mon pain ne lève pas ?", "Explique-moi simplement ce qu'est l'inflation.", "Quels exercices faire pour le mal de dos ?",
        ],
        ["pt"] =
        [
            "O que posso cozinhar hoje com frango e batata-doce?", "Como escrevo um e-mail pedindo aumento de salário?",
            "Me dá ideias de presente para o dia das mães.", "Qual a diferença entre Tesouro Direto e CDB?", "O que fazer em Lisboa em três dias?",
            "Como tirar mancha de gordura da roupa?", "Corrige esse texto pra mim: \"a gente fomos no mercado ontem\"", "Como organizar meus estudos para o ENEM?",
            "Por que meu celular esquenta tanto?", "Me explica o que é inflação de um jeito simples.", "Monte um treino de corrida para iniciantes.",
        ],
        ["ja"] =
        [
            "冷蔵庫にある卵と玉ねぎで何が作れますか？", "上司に有給休暇をお願いするメールを書いてください。", "京都で二日間観光するならおすすめは？",
            "NISAとiDeCoの違いを簡単に教えてください。", "部屋の湿気対策にはどうすればいいですか？", "友達の結婚式のスピーチを考えてください。",
            "この文章を自然な日本語に直してください：「昨日は雨が降ったので、家にいるしました。」", "よく眠れる方法を教えてください。",
            "初心者向けの筋トレメニューを作ってください。", "子どもの誕生日会のアイデアはありますか？",
        ],
        ["zh"] =
        [
            "今天晚上用鸡蛋和西红柿能做什么菜？", "帮我写一封请假邮件，理由是家里有事。", "去台北玩三天，有什么推荐的行程？",
            "基金定投和买股票有什么区别？", "衣服上的油渍怎么洗掉？", "帮我改一下这句话：“我昨天去了超市买了很多的东西了。”",
            "怎么提高晚上的睡眠质量？", "给我推荐几本适合初学者的理财书。", "怎样跟室友沟通卫生问题比较好？", "简单解释一下什么是通货膨胀。",
        ],
        ["ko"] =
        [
            "냉장고에 있는 김치랑 두부로 뭘 만들 수 있을까요?", "회사에 연차 신청 메일 좀 써 주세요.", "부산 2박 3일 여행 코스 추천해 주세요.",
            "적금이랑 예금 차이가 뭐예요?", "겨울철 결로 막는 방법 알려 주세요.", "친구 생일 축하 메시지 써 주세요.",
            "이 문장 자연스럽게 고쳐 주세요: \"어제 친구를 만나서 영화를 봤었어요 그리고 밥 먹었어요.\"", "초보자용 홈트 루틴 짜 주세요.",
        ],
        ["it"] =
        [
            "Cosa posso cucinare stasera con pasta, zucchine e tonno?", "Come scrivo una mail per chiedere un giorno di ferie?",
            "Scrivi un messaggio di auguri per mia zia.", "Che differenza c'è tra mutuo a tasso fisso e variabile?", "Cosa vedere a Napoli in un weekend?",
            "Come si toglie una macchia di vino dalla tovaglia?", "Correggi questa frase: \"Se lo sapevo venivo anche io.\"", "Dammi consigli per dormire meglio.",
        ],
        ["ru"] =
        [
            "Что приготовить на ужин из гречки и курицы?", "Помоги написать письмо начальнику с просьбой об отпуске.", "Что посмотреть в Алматы за два дня?",
            "Чем отличается вклад от накопительного счёта?", "Как отстирать пятно от кофе?", "Исправь ошибки: \"Я вчера ходил в магазин и купил хлеба и молоко.\"",
            "Как улучшить сон?", "Составь простую программу тренировок для новичка.", "Придумай поздравление с днём рождения для коллеги.",
        ],
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> FollowUps = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["es"] = ["¡Gracias! ¿Puedes hacerlo más corto?", "¿Y alguna opción más barata?", "Dame otro ejemplo, por favor.", "Perfecto, gracias."],
        ["de"] = ["Danke! Geht das auch kürzer?", "Hast du noch ein Beispiel?", "Und was wäre die günstigere Variante?", "Super, danke."],
        ["fr"] = ["Merci ! Tu peux faire plus court ?", "Tu as un autre exemple ?", "Et une option moins chère ?", "Parfait, merci."],
        ["pt"] = ["Valeu! Pode resumir?", "Tem outro exemplo?", "E uma opção mais barata?", "Perfeito, obrigado."],
        ["ja"] = ["ありがとうございます！もう少し短くできますか？", "他の例もありますか？", "もっと安い方法はありますか？"],
        ["zh"] = ["谢谢！能再简短一点吗？", "还有别的例子吗？", "有没有更便宜的办法？"],
        ["ko"] = ["감사합니다! 좀 더 짧게 해 줄 수 있어요?", "다른 예시도 있어요?", "더 저렴한 방법은 없나요?"],
        ["it"] = ["Grazie! Puoi accorciarlo?", "Hai un altro esempio?", "E un'opzione più economica?"],
        ["ru"] = ["Спасибо! Можно короче?", "Есть ещё пример?", "А есть вариант подешевле?"],
    };

    private static readonly Dictionary<string, (string[] Prefixes, string[] Suffixes)> Framing = new(StringComparer.Ordinal)
    {
        ["es"] = (["Hola, ", "Oye, ", "Una pregunta: ", "Buenas. ", "Ayuda: "], [" Gracias.", " porfa", " ¡Gracias!", " (breve, por favor)"]),
        ["de"] = (["Hallo, ", "Kurze Frage: ", "Hi, ", "Moin! ", "Hilfe: "], [" Danke!", " bitte kurz", " Danke im Voraus.", " LG"]),
        ["fr"] = (["Bonjour, ", "Petite question : ", "Salut ! ", "Coucou, "], [" Merci !", " merci d'avance", " (en bref)", " stp"]),
        ["pt"] = (["Oi, ", "Uma dúvida: ", "Olá! ", "Me ajuda: "], [" Valeu!", " obrigado", " (resumido)", " por favor"]),
        ["ja"] = (["こんにちは。", "質問です。", "すみません、", "教えてください。"], ["よろしくお願いします。", "ありがとうございます。", "（簡単に）"]),
        ["zh"] = (["你好，", "请问", "问一下，", "求助："], ["谢谢！", "（简单说一下）", "急，谢谢"]),
        ["ko"] = (["안녕하세요. ", "질문이 있어요. ", "궁금한데요, "], [" 감사합니다!", " 간단히요", " 부탁드려요"]),
        ["it"] = (["Ciao, ", "Domanda veloce: ", "Salve, "], [" Grazie!", " grazie mille", " (in breve)"]),
        ["ru"] = (["Привет! ", "Вопрос: ", "Подскажите, "], [" Спасибо!", " заранее спасибо", " (кратко)"]),
    };

    /// <summary>Adds a greeting or a sign-off in <paramref name="language"/>, as people do.</summary>
    public static string Casual(string language, string text, SimRandom random)
    {
        if (!Framing.TryGetValue(language, out var framing))
        {
            return text;
        }

        var prefix = random.Chance(0.6) ? random.Pick(framing.Prefixes) : string.Empty;
        var suffix = random.Chance(0.45) ? random.Pick(framing.Suffixes) : string.Empty;
        return prefix + text + suffix;
    }
}
