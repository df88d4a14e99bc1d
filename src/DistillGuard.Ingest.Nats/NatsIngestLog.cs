using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using DistillGuard.Core.Storage;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace DistillGuard.Ingest.Nats;

/// <summary>
/// The ingest log in NATS JetStream: partition <c>p</c> is the subject <c>{SubjectPrefix}.{p}</c> of one stream with file
/// storage, read by the durable pull consumer <c>dg-pump-{p}</c>; a position is the message's stream sequence.
/// </summary>
/// <remarks>
/// <para>
/// An append groups the entries by partition (<see cref="IngestPartitioner"/>), splits each group into messages of at
/// most <see cref="NatsIngestOptions.MaxMessageBytes"/>, publishes them all at once and completes when the server has
/// acknowledged every one (a JetStream publish acknowledgement: the message is in the stream's file store). Each
/// message carries a <c>Nats-Msg-Id</c> made of its content's XXH128, so a client that resends the same body after a
/// 503 or a lost answer, within the stream's duplicate window (two minutes), adds nothing.
/// </para>
/// <para>
/// The stream has work-queue retention: a message is removed once its consumer acknowledged it, so the stream holds
/// exactly what the pumps have not applied. Acknowledgements are double acks (the server confirms it recorded them),
/// so a batch the pump was told is acknowledged is not delivered again; one whose acknowledgement was lost is delivered
/// again after <see cref="NatsIngestOptions.AckWait"/>, with the same position.
/// </para>
/// <para>
/// The connection reconnects by itself, for ever. While the server is unreachable, an append fails within
/// <see cref="NatsIngestOptions.PublishTimeout"/> with <see cref="IngestUnavailableException"/>; a message the server
/// acknowledged before it went down is on its disk and is delivered once it is back (with the store directory kept).
/// The server does not fsync each message (2.9, Debian's, has no setting for it; later versions have
/// <c>sync_interval</c>): a <c>nats-server</c> killed with SIGKILL lost no acknowledged message in the tests, but a
/// power loss of its machine may lose what it had not synced yet.
/// </para>
/// </remarks>
public sealed class NatsIngestLog : IIngestLog, IAsyncDisposable
{
    private readonly NatsIngestOptions _options;
    private readonly TimeProvider _time;
    private readonly NatsConnection _connection;
    private readonly NatsJSContext _js;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private readonly INatsJSConsumer?[] _consumers;
    private volatile bool _streamReady;

    /// <summary>Initializes a new instance of the <see cref="NatsIngestLog"/> class; it connects at first use.</summary>
    /// <param name="options">The server, stream and partitions (validated).</param>
    /// <param name="time">The clock for timeouts.</param>
    public NatsIngestLog(NatsIngestOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _consumers = new INatsJSConsumer?[options.Partitions];
        _connection = new NatsConnection(new NatsOpts
        {
            Url = options.Url.ToString(),
            Name = "distillguard",
            ConnectTimeout = options.PublishTimeout,
            RequestTimeout = options.PublishTimeout,
            CommandTimeout = options.PublishTimeout,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(100),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
        });
        _js = new NatsJSContext(_connection);
    }

    /// <inheritdoc/>
    public int Partitions => _options.Partitions;

    /// <summary>Gets the subject of a partition.</summary>
    /// <param name="partition">The partition.</param>
    /// <returns><c>{SubjectPrefix}.{partition}</c>.</returns>
    public string SubjectOf(int partition) => string.Create(CultureInfo.InvariantCulture, $"{_options.SubjectPrefix}.{partition}");

    /// <inheritdoc/>
    public async Task<IReadOnlyList<long>> AppendAsync(IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var positions = new long[entries.Count];
        if (entries.Count == 0)
        {
            return positions;
        }

        var messages = Split(entries);
        await GuardAsync(async token =>
        {
            await EnsureStreamAsync(token).ConfigureAwait(false);
            var published = messages.Select(m => PublishAsync(m.Partition, m.Body, token)).ToArray();
            var sequences = await Task.WhenAll(published).ConfigureAwait(false);
            for (var m = 0; m < messages.Count; m++)
            {
                foreach (var index in messages[m].Indexes)
                {
                    positions[index] = sequences[m];
                }
            }

            return 0;
        }, "append to", cancellationToken).ConfigureAwait(false);
        return positions;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The durable consumer keeps the partition's place: the enumeration starts at its first unacknowledged message,
    /// whatever <paramref name="afterPosition"/> says, and a message delivered again may come after later ones.
    /// </remarks>
    public async IAsyncEnumerable<IngestBatch> ReadAsync(int partition, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, _options.Partitions);
        var fetchOptions = new NatsJSFetchOpts { MaxMsgs = _options.FetchMessages };
        var nextOptions = new NatsJSNextOpts { Expires = _options.FetchWait };
        while (!cancellationToken.IsCancellationRequested)
        {
            var messages = await GuardAsync(async token =>
            {
                var consumer = await ConsumerAsync(partition, token).ConfigureAwait(false);
                // What is there at once, up to a fetch; when nothing is, wait for the next message (a pull that the
                // server answers as soon as one arrives), so an idle partition neither spins nor adds latency.
                var fetched = new List<INatsJSMsg<byte[]>>(_options.FetchMessages);
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(fetchOptions, cancellationToken: token).ConfigureAwait(false))
                {
                    fetched.Add(message);
                }

                if (fetched.Count == 0 && await consumer.NextAsync<byte[]>(opts: nextOptions, cancellationToken: token).ConfigureAwait(false) is { } next)
                {
                    fetched.Add(next);
                }

                return fetched;
            }, "read from", cancellationToken, _options.FetchWait + _options.PublishTimeout).ConfigureAwait(false);

            foreach (var message in messages)
            {
                var position = (long)(message.Metadata?.Sequence.Stream ?? 0);
                IReadOnlyList<JournalEntry> entries;
                try
                {
                    entries = IngestMessageCodec.Decode(message.Data ?? []);
                }
                catch (InvalidDataException)
                {
                    // Not ours (someone published to the subject by hand): dropped, so it cannot block the partition.
                    await AcknowledgeAsync(message, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                yield return new IngestBatch
                {
                    Partition = partition,
                    Position = position,
                    Deliveries = (int)Math.Min(int.MaxValue, message.Metadata?.NumDelivered ?? 1),
                    Entries = entries,
                    Handle = message,
                };
            }
        }
    }

    /// <inheritdoc/>
    public Task AcknowledgeAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Handle is INatsJSMsg<byte[]> message
            ? AcknowledgeAsync(message, cancellationToken)
            : throw new ArgumentException("the batch was not read from this log", nameof(batch));
    }

    /// <inheritdoc/>
    public Task<long> CountPendingAsync(int partition, CancellationToken cancellationToken) =>
        GuardAsync(async token =>
        {
            var consumer = await ConsumerAsync(partition, token).ConfigureAwait(false);
            await consumer.RefreshAsync(token).ConfigureAwait(false);
            return (long)consumer.Info.NumPending + consumer.Info.NumAckPending;
        }, "read the lag of", cancellationToken);

    /// <summary>Gets how many messages were ever appended to the stream (its last sequence), for monitoring and the bench.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The stream's last sequence.</returns>
    /// <exception cref="IngestUnavailableException">The server cannot be reached.</exception>
    public Task<long> CountAppendedAsync(CancellationToken cancellationToken) =>
        GuardAsync(async token =>
        {
            await EnsureStreamAsync(token).ConfigureAwait(false);
            var stream = await _js.GetStreamAsync(_options.StreamName, cancellationToken: token).ConfigureAwait(false);
            return (long)stream.Info.State.LastSeq;
        }, "read the state of", cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _setup.Dispose();
    }

    private async Task AcknowledgeAsync(INatsJSMsg<byte[]> message, CancellationToken cancellationToken) =>
        await GuardAsync(async token =>
        {
            await message.AckAsync(new AckOpts { DoubleAck = true }, token).ConfigureAwait(false);
            return 0;
        }, "acknowledge on", cancellationToken).ConfigureAwait(false);

    private async Task<long> PublishAsync(int partition, byte[] body, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexString(XxHash128.Hash(body));
        var ack = await _js.PublishAsync(SubjectOf(partition), body, opts: new NatsJSPubOpts { MsgId = id }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!ack.Duplicate)
        {
            // A duplicate is a success: the stream holds the message already, at the sequence the answer names.
            ack.EnsureSuccess();
        }

        return (long)ack.Seq;
    }

    private List<(int Partition, byte[] Body, List<int> Indexes)> Split(IReadOnlyList<JournalEntry> entries)
    {
        var groups = new SortedDictionary<int, List<int>>();
        for (var i = 0; i < entries.Count; i++)
        {
            var partition = IngestPartitioner.PartitionOf(entries[i].AccountId, _options.Partitions);
            if (!groups.TryGetValue(partition, out var group))
            {
                groups[partition] = group = [];
            }

            group.Add(i);
        }

        var messages = new List<(int, byte[], List<int>)>();
        foreach (var (partition, indexes) in groups)
        {
            var chunk = new List<int>();
            var bytes = 0;
            foreach (var index in indexes)
            {
                var size = IngestMessageCodec.SizeOf(entries[index]);
                if (chunk.Count > 0 && bytes + size > _options.MaxMessageBytes)
                {
                    messages.Add((partition, IngestMessageCodec.Encode([.. chunk.Select(c => entries[c])]), chunk));
                    chunk = [];
                    bytes = 0;
                }

                chunk.Add(index);
                bytes += size;
            }

            messages.Add((partition, IngestMessageCodec.Encode([.. chunk.Select(c => entries[c])]), chunk));
        }

        return messages;
    }

    private async Task EnsureStreamAsync(CancellationToken cancellationToken)
    {
        if (_streamReady)
        {
            return;
        }

        await _setup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_streamReady)
            {
                await _js.CreateOrUpdateStreamAsync(
                    new StreamConfig(_options.StreamName, [_options.SubjectPrefix + ".>"])
                    {
                        Storage = StreamConfigStorage.File,
                        Retention = StreamConfigRetention.Workqueue,
                        DuplicateWindow = TimeSpan.FromMinutes(2),
                    },
                    cancellationToken).ConfigureAwait(false);
                _streamReady = true;
            }
        }
        finally
        {
            _setup.Release();
        }
    }

    private async Task<INatsJSConsumer> ConsumerAsync(int partition, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _consumers[partition]) is { } known)
        {
            return known;
        }

        await EnsureStreamAsync(cancellationToken).ConfigureAwait(false);
        var name = string.Create(CultureInfo.InvariantCulture, $"dg-pump-{partition}");
        var consumer = await _js.CreateOrUpdateConsumerAsync(
            _options.StreamName,
            new ConsumerConfig(name)
            {
                FilterSubject = SubjectOf(partition),
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = _options.AckWait,
                MaxDeliver = -1,
                DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            },
            cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _consumers[partition], consumer);
        return consumer;
    }

    /// <summary>
    /// After a failure the stream and its consumers are looked up (and created if missing) again at the next call: a
    /// server that came back with an empty store (a new machine) then works again instead of answering "no stream".
    /// </summary>
    private void Forget()
    {
        _streamReady = false;
        for (var i = 0; i < _consumers.Length; i++)
        {
            Volatile.Write(ref _consumers[i], null);
        }
    }

    /// <summary>Runs one exchange with the server within the timeout, turning its failures into <see cref="IngestUnavailableException"/>.</summary>
    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, string what, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var timer = new CancellationTokenSource(timeout ?? _options.PublishTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await call(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Forget();
            throw new IngestUnavailableException($"NATS at {_options.Url} did not answer within {(timeout ?? _options.PublishTimeout).TotalSeconds:0.#} s (cannot {what} stream {_options.StreamName})");
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            Forget();
            throw new IngestUnavailableException($"NATS at {_options.Url}: cannot {what} stream {_options.StreamName}: {ex.Message}", ex);
        }
    }
}
