using System.Globalization;

namespace DistillGuard.Ingest.Nats;

/// <summary>Where and how <see cref="NatsIngestLog"/> keeps the ingest stream in NATS JetStream.</summary>
public sealed class NatsIngestOptions
{
    /// <summary>Gets or sets the NATS server.</summary>
    /// <value><c>nats://127.0.0.1:4222</c>, the port <c>nats-server</c> listens on by default.</value>
    public Uri Url { get; set; } = new("nats://127.0.0.1:4222");

    /// <summary>Gets or sets the number of partitions: subjects <c>{SubjectPrefix}.0</c> ... <c>{SubjectPrefix}.{P-1}</c>, one pump each.</summary>
    /// <value>4. An account always goes to the same partition (XXH3 of its id modulo this); change it only on a drained stream.</value>
    public int Partitions { get; set; } = 4;

    /// <summary>Gets or sets the JetStream stream's name.</summary>
    /// <value><c>DISTILLGUARD_INGEST</c>. Created at first use (file storage, work-queue retention) if it does not exist.</value>
    public string StreamName { get; set; } = "DISTILLGUARD_INGEST";

    /// <summary>Gets or sets the subject prefix; a partition's subject is the prefix, a dot and the partition number.</summary>
    /// <value><c>dg.ingest</c>.</value>
    public string SubjectPrefix { get; set; } = "dg.ingest";

    /// <summary>Gets or sets how long an append (or a connection attempt) may wait for the server's confirmation before it fails.</summary>
    /// <value>Five seconds; the producer then answers 503 and the client resends.</value>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long the server waits for a pump's acknowledgement before it delivers a batch again.</summary>
    /// <value>30 seconds: far longer than applying one batch takes.</value>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the most messages a pump fetches at once.</summary>
    /// <value>16 messages (each up to <see cref="MaxMessageBytes"/>).</value>
    public int FetchMessages { get; set; } = 16;

    /// <summary>Gets or sets how long one pull waits for a message when the partition is empty (it returns as soon as one arrives).</summary>
    /// <value>Five seconds; JetStream needs more than one.</value>
    public TimeSpan FetchWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the largest message an append writes; a body's entries for one partition are split into messages of at most this.</summary>
    /// <value>512 KiB, under <c>nats-server</c>'s default <c>max_payload</c> of 1 MiB.</value>
    public int MaxMessageBytes { get; set; } = 512 * 1024;

    /// <summary>Checks the options; returns every problem, each naming its setting under <paramref name="path"/>.</summary>
    /// <param name="path">The configuration path of these options (for the messages).</param>
    /// <returns>The problems (empty when valid).</returns>
    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        if (!Url.IsAbsoluteUri || (Url.Scheme != "nats" && Url.Scheme != "tls"))
        {
            errors.Add($"{path}:{nameof(Url)} must be an absolute nats:// or tls:// URL; it is '{Url}'");
        }

        if (Partitions is < 1 or > 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{nameof(Partitions)} must be in [1, 1024]; it is {Partitions}"));
        }

        if (string.IsNullOrWhiteSpace(StreamName) || StreamName.AsSpan().IndexOfAny(" .*>") >= 0)
        {
            errors.Add($"{path}:{nameof(StreamName)} must be a name without spaces, '.', '*' or '>'; it is '{StreamName}'");
        }

        if (string.IsNullOrWhiteSpace(SubjectPrefix) || SubjectPrefix.AsSpan().IndexOfAny(" *>") >= 0 || SubjectPrefix.StartsWith('.') || SubjectPrefix.EndsWith('.'))
        {
            errors.Add($"{path}:{nameof(SubjectPrefix)} must be a subject without spaces, wildcards or an outer '.'; it is '{SubjectPrefix}'");
        }

        foreach (var (name, value) in new[] { (nameof(PublishTimeout), PublishTimeout), (nameof(AckWait), AckWait) })
        {
            if (value < TimeSpan.FromMilliseconds(100))
            {
                errors.Add($"{path}:{name} must be at least 100 ms; it is {value}");
            }
        }

        if (FetchWait <= TimeSpan.FromSeconds(1) || FetchWait > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{path}:{nameof(FetchWait)} must be more than one second and at most five minutes; it is {FetchWait}");
        }

        if (FetchMessages is < 1 or > 10_000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{nameof(FetchMessages)} must be in [1, 10000]; it is {FetchMessages}"));
        }

        if (MaxMessageBytes is < 4096 or > 8 * 1024 * 1024)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}:{nameof(MaxMessageBytes)} must be in [4096, 8388608]; it is {MaxMessageBytes}"));
        }

        return errors;
    }
}
