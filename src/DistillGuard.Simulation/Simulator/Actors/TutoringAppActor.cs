using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Simulator.Engine;
using DistillGuard.Simulation.Simulator.Infrastructure;
using DistillGuard.Simulation.Simulator.Text;

namespace DistillGuard.Simulation.Simulator.Actors;

/// <summary>
/// A tutoring app of the <c>tutoring</c> population: one account, students in classes behind its backend, each class
/// given a homework set on school days, each student working through some of it after school, asking for the full
/// worked solution and following up the way learners do.
/// </summary>
internal sealed class TutoringAppActor : Actor
{
    private static readonly string[] Brands = ["Mathly", "StudyPal", "HomeworkHero", "Tutorly", "StepWise Learning", "ClassBuddy"];
    private static readonly double[] UsOffsets = [-5, -5, -5, -6, -6, -7, -8, -8];

    private readonly TutoringPopulationSpec _spec;
    private readonly AppBackend _backend;
    private readonly string _system;
    private readonly ModelTier _tier;
    private readonly TimeSpan _adoption;
    private readonly int? _maxTokens;
    private readonly double? _temperature;
    private readonly List<Classroom> _classes = [];

    public TutoringAppActor(SimulationContext context, TutoringPopulationSpec spec, int index, double studentFactor)
        : base(context)
    {
        _spec = spec;
        var brand = Brands[index % Brands.Length];
        var account = context.CreateAccount(
            new BillingInfo
            {
                PaymentFingerprint = context.Ids.PaymentFingerprint(),
                EmailDomain = EmailDomains.Organisation(Random),
                SignupTimestamp = OldSignup(200, 900),
                Country = "US",
                Plan = Random.Chance(0.6) ? "enterprise" : "pay_as_you_go",
            },
            new SimulationGroupKey(spec.PopulationName, spec.Kind, SubjectLabel.Benign),
            Random.Next(2, 4));
        _backend = new AppBackend(account, Random, Geo.EnterpriseClouds);
        _system = $"You are {brand}, a patient tutor for middle- and high-school students. When a student sends a problem, give a complete worked solution, "
            + "step by step, explaining each step so the student can learn the method, and end with the final answer. Encourage the student and keep the language simple.";
        _tier = Random.Chance(0.6) ? ModelTier.Mini : ModelTier.Flagship;
        _adoption = TimeSpan.FromDays(Random.Uniform(4, 20));
        _maxTokens = Random.Chance(0.7) ? Random.Pick([1500, 2000, 3000]) : null;
        _temperature = Random.Chance(0.6) ? 0.3 : null;

        var studentGroup = new SimulationGroupKey(TutoringPopulationSpec.StudentPopulation, spec.Kind, SubjectLabel.Benign);
        var students = Math.Max(1, (int)Math.Round(Random.In(spec.Students) * studentFactor));
        var made = 0;
        while (made < students)
        {
            var size = Math.Min(students - made, Random.In(spec.ClassSize));
            var subject = Random.NextDouble() switch
            {
                < 0.65 => ClassSubject.Math,
                < 0.85 => ClassSubject.Physics,
                _ => ClassSubject.Chemistry,
            };
            var offset = Random.Pick(UsOffsets);
            var classroom = new Classroom(subject, offset);
            for (var i = 0; i < size; i++)
            {
                classroom.Students.Add(new Student(context.CreateEndUser(account, studentGroup), Random.In(spec.SchoolDayProbability), offset));
            }

            _classes.Add(classroom);
            made += size;
        }
    }

    public override void Generate(int day)
    {
        var sliceStart = DayStart(day);
        foreach (var classroom in _classes)
        {
            var weekend = Diurnal.IsWeekend(sliceStart.AddHours(12), classroom.UtcOffsetHours);
            var homework = Enumerable.Range(0, Random.In(_spec.ProblemsPerHomework)).Select(_ => Problem(classroom.Subject)).ToList();
            foreach (var student in classroom.Students)
            {
                if (!Random.Chance(student.SchoolDayProbability * (weekend ? 0.3 : 1)))
                {
                    continue;
                }

                var at = Diurnal.Sample(sliceStart, student.UtcOffsetHours, Diurnal.Homework, Random);
                var problems = Random.Sample(homework, Random.Next(1, Math.Min(4, homework.Count) + 1));
                foreach (var problem in problems)
                {
                    at = Work(student, problem, at, classroom.Subject);
                }
            }
        }
    }

    private DateTimeOffset Work(Student student, string problem, DateTimeOffset at, ClassSubject subject)
    {
        var model = Context.Models.LatestAdopted(_tier, at, _adoption);
        var kind = subject == ClassSubject.Math ? ContentKind.Math : ContentKind.Prose;
        var history = new List<ChatMessage> { new("system", _system), new("user", TutoringPhrasings.Ask(EverydayForge.Casual(problem, Random), Random)) };
        var turns = 1 + Random.In(_spec.FollowUps);
        for (var turn = 0; turn < turns; turn++)
        {
            if (turn > 0)
            {
                history.Add(new ChatMessage("user", TutoringPhrasings.FollowUp(Random)));
            }

            var answerTokens = turn == 0 ? Random.LogNormal(650, 0.4) : Random.LogNormal(280, 0.5);
            var output = AnswerStubs.Compose(kind, "en", true, Random, Random.Next(120, 420));
            var request = new RequestSpec
            {
                Model = model,
                Messages = [.. history],
                Temperature = _temperature,
                MaxTokens = _maxTokens,
                Stream = true,
                User = _backend.PassesUser ? student.Subject.EndUserId : null,
                Kind = kind,
                Stepwise = true,
                AnswerTokens = answerTokens,
                Output = output,
            };
            Context.Exchanges.Emit(at, _backend.Account, student.Subject, student.Subject.EndUserId, _backend.Client(Random), request, Random, ErrorProfile.Interactive);
            history.Add(new ChatMessage("assistant", output));
            at = at.AddSeconds((answerTokens * model.MsPerToken / 1000) + Random.LogNormal(90, 0.8) + 5);
        }

        // Copying the solution into the exercise book before the next problem.
        return at.AddSeconds(Random.LogNormal(240, 0.7));
    }

    private string Problem(ClassSubject subject) => subject switch
    {
        ClassSubject.Physics => TutoringPhrasings.Physics(Random),
        ClassSubject.Chemistry => TutoringPhrasings.Chemistry(Random),
        _ => Random.Chance(0.7) ? QuestionForge.PerturbNumbers(Random.Pick(Context.Corpus.Gsm8k).Text, Random) : Random.Pick(Context.Corpus.Gsm8k).Text,
    };

    private enum ClassSubject
    {
        Math,
        Physics,
        Chemistry,
    }

    private sealed record Classroom(ClassSubject Subject, double UtcOffsetHours)
    {
        public List<Student> Students { get; } = [];
    }

    private sealed record Student(Subject Subject, double SchoolDayProbability, double UtcOffsetHours);
}
