using System.Globalization;
using DistillGuard.Simulation.Simulator.Infrastructure;

namespace DistillGuard.Simulation.Simulator.Text;

/// <summary>
/// Translated distillation-style prompts: word-problem templates in many languages with fresh numbers, and
/// "answer in this language" framings around English benchmark questions.
/// </summary>
internal static class MultilingualProblems
{
    private static readonly Dictionary<string, string[]> WordProblems = new(StringComparer.Ordinal)
    {
        ["zh"] =
        [
            "小明有{a}个苹果，他又买了{b}个，然后分给朋友{c}个。小明现在还有多少个苹果？",
            "一列火车以每小时{a}公里的速度行驶了{b}小时，然后以每小时{c}公里的速度又行驶了{d}小时。火车一共行驶了多少公里？",
            "一件外套原价{p}元，商店打{q}%的折扣后又减去{c}元。顾客最后需要付多少元？",
            "一个水池有两个进水管，甲管单独注满需要{b}小时，乙管单独注满需要{d}小时。两管同时打开，多少小时能注满水池？",
        ],
        ["es"] =
        [
            "Ana tiene {a} manzanas y compra {b} más. Luego regala {c} a sus amigos. ¿Cuántas manzanas le quedan?",
            "Un tren viaja a {a} km/h durante {b} horas y luego a {c} km/h durante {d} horas. ¿Cuántos kilómetros recorre en total?",
            "Una tienda vende un abrigo de {p} euros con un descuento del {q}%. ¿Cuánto cuesta el abrigo con el descuento?",
            "Un grifo llena un depósito en {b} horas y otro en {d} horas. Si se abren los dos a la vez, ¿cuánto tardan en llenarlo?",
        ],
        ["de"] =
        [
            "Lena hat {a} Äpfel und kauft {b} dazu. Dann verschenkt sie {c}. Wie viele Äpfel hat sie jetzt?",
            "Ein Zug fährt {b} Stunden lang mit {a} km/h und danach {d} Stunden mit {c} km/h. Wie weit fährt er insgesamt?",
            "Ein Mantel kostet {p} Euro und wird um {q} % reduziert. Wie viel kostet er danach?",
            "Eine Pumpe füllt ein Becken in {b} Stunden, eine zweite in {d} Stunden. Wie lange brauchen beide zusammen?",
        ],
        ["fr"] =
        [
            "Léa a {a} pommes et en achète {b} de plus. Elle en donne ensuite {c}. Combien de pommes lui reste-t-il ?",
            "Un train roule à {a} km/h pendant {b} heures, puis à {c} km/h pendant {d} heures. Quelle distance parcourt-il au total ?",
            "Un manteau coûte {p} euros et bénéficie d'une remise de {q} %. Quel est son prix après remise ?",
            "Un robinet remplit une cuve en {b} heures et un autre en {d} heures. Combien de temps faut-il avec les deux ensemble ?",
        ],
        ["ru"] =
        [
            "У Маши было {a} яблок, она купила ещё {b}, а потом отдала {c} друзьям. Сколько яблок у неё осталось?",
            "Поезд ехал {b} часа со скоростью {a} км/ч, а затем {d} часа со скоростью {c} км/ч. Какое расстояние он проехал?",
            "Пальто стоит {p} рублей, на него действует скидка {q}%. Сколько стоит пальто со скидкой?",
        ],
        ["ja"] =
        [
            "花子さんはりんごを{a}個持っていて、さらに{b}個買いました。そのあと友達に{c}個あげました。りんごは何個残っていますか？",
            "電車が時速{a}kmで{b}時間走り、その後時速{c}kmで{d}時間走りました。全部で何km走りましたか？",
            "定価{p}円のコートが{q}%引きで売られています。割引後の値段はいくらですか？",
        ],
        ["ko"] =
        [
            "민수는 사과를 {a}개 가지고 있었고 {b}개를 더 샀습니다. 그 후 친구에게 {c}개를 주었습니다. 민수에게 남은 사과는 몇 개입니까?",
            "기차가 시속 {a}km로 {b}시간, 그다음 시속 {c}km로 {d}시간 달렸습니다. 기차가 달린 거리는 모두 몇 km입니까?",
            "정가 {p}원인 코트를 {q}% 할인해서 팝니다. 할인된 가격은 얼마입니까?",
        ],
        ["pt"] =
        [
            "Ana tem {a} maçãs e compra mais {b}. Depois dá {c} para os amigos. Quantas maçãs sobraram?",
            "Um trem viaja a {a} km/h durante {b} horas e depois a {c} km/h durante {d} horas. Quantos quilômetros ele percorre no total?",
            "Um casaco custa {p} reais e está com {q}% de desconto. Quanto custa com o desconto?",
        ],
        ["ar"] =
        [
            "لدى سارة {a} تفاحة، واشترت {b} تفاحات أخرى، ثم أعطت {c} لأصدقائها. كم تفاحة بقيت معها؟",
            "يسير قطار بسرعة {a} كم/س لمدة {b} ساعات، ثم بسرعة {c} كم/س لمدة {d} ساعات. ما المسافة الكلية التي قطعها؟",
            "سعر معطف {p} ريالًا وعليه خصم {q}٪. كم يصبح سعره بعد الخصم؟",
        ],
        ["it"] =
        [
            "Giulia ha {a} mele e ne compra altre {b}. Poi ne regala {c} agli amici. Quante mele le restano?",
            "Un treno viaggia a {a} km/h per {b} ore e poi a {c} km/h per {d} ore. Quanti chilometri percorre in tutto?",
            "Un cappotto costa {p} euro ed è scontato del {q}%. Quanto costa dopo lo sconto?",
        ],
    };

    private static readonly Dictionary<string, string> AnswerInLanguage = new(StringComparer.Ordinal)
    {
        ["zh"] = "请用中文回答下面的问题：",
        ["es"] = "Responde en español a la siguiente pregunta:",
        ["de"] = "Beantworte die folgende Frage auf Deutsch:",
        ["fr"] = "Réponds en français à la question suivante :",
        ["ru"] = "Ответь на русском языке на следующий вопрос:",
        ["ja"] = "次の質問に日本語で答えてください：",
        ["ko"] = "다음 질문에 한국어로 답해 주세요:",
        ["pt"] = "Responda em português à seguinte pergunta:",
        ["ar"] = "أجب باللغة العربية عن السؤال التالي:",
        ["it"] = "Rispondi in italiano alla seguente domanda:",
    };

    public static bool HasProblems(string language) => WordProblems.ContainsKey(language);

    /// <summary>Makes a word problem in <paramref name="language"/> with fresh numbers.</summary>
    public static string WordProblem(string language, SimRandom random)
    {
        var a = random.Next(12, 240);
        var slots = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["a"] = Number(a),
            ["b"] = Number(random.Next(2, 40)),
            ["c"] = Number(random.Next(2, Math.Max(3, a / 2))),
            ["d"] = Number(random.Next(2, 9)),
            ["p"] = Number(random.Next(8, 120) * 10),
            ["q"] = Number(random.Next(1, 10) * 5),
        };
        return QuestionForge.Fill(random.Pick(WordProblems[language]), slots);
    }

    /// <summary>Asks for an answer in <paramref name="language"/> to an English question.</summary>
    public static string AskInLanguage(string language, string question) =>
        AnswerInLanguage.TryGetValue(language, out var ask) ? ask + "\n\n" + question : question;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
