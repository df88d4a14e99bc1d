using System.Data.Common;
using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Storage;

/// <summary>
/// The database-independent rules every <see cref="IServiceStore"/> and <see cref="ITaxiiStore"/> implementation
/// follows, so the SQLite and PostgreSQL stores give back the same values: how instants are held, how stored enums and
/// status details are read back, what a newly added TAXII version looks like, and how the journal is paged.
/// </summary>
public static class StoreConventions
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Brings an instant to what the stores hold: UTC, rounded down to a whole microsecond.</summary>
    /// <param name="value">The instant, in any offset.</param>
    /// <returns>The instant with offset zero.</returns>
    /// <remarks>Microseconds are PostgreSQL's <c>timestamptz</c> precision; the SQLite store keeps the same.</remarks>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        // Ticks are never negative and the Unix epoch is a whole microsecond, so this rounds down on either side of it.
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>Reads back an enum stored as its numeric value.</summary>
    /// <typeparam name="TEnum">The enum; its values are fixed explicitly and stable.</typeparam>
    /// <param name="value">The stored value.</param>
    /// <returns>The enum value.</returns>
    /// <exception cref="InvalidDataException">The enum defines no such value.</exception>
    public static TEnum ToEnum<TEnum>(int value)
        where TEnum : struct, Enum
    {
        var result = (TEnum)Enum.ToObject(typeof(TEnum), value);
        return Enum.IsDefined(result)
            ? result
            : throw new InvalidDataException($"The database holds {value}, which is not a {typeof(TEnum).Name}.");
    }

    /// <summary>Refuses a list with a null item.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The list.</param>
    /// <param name="paramName">The name of the caller's parameter.</param>
    /// <exception cref="ArgumentException">An item is null.</exception>
    public static void ThrowIfAnyNull<T>(IReadOnlyList<T> items, string paramName)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException($"Item {i} of {paramName} is null.", paramName);
            }
        }
    }

    /// <summary>
    /// Streams the journal after a sequence a page at a time, so memory stays at one page and no connection or read
    /// transaction stays open while the caller works.
    /// </summary>
    /// <param name="afterSequence">The sequence to resume after.</param>
    /// <param name="pageSize">The rows a page query asks for; a shorter page is the last.</param>
    /// <param name="readPage">Reads up to <paramref name="pageSize"/> entries after a sequence, in sequence order.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    /// <returns>The entries, in sequence order.</returns>
    public static async IAsyncEnumerable<JournalEntry> ReadJournalPagesAsync(
        long afterSequence,
        int pageSize,
        Func<long, CancellationToken, Task<IReadOnlyList<JournalEntry>>> readPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readPage);
        var after = afterSequence;
        while (true)
        {
            var page = await readPage(after, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    /// <summary>The query that reads every stored API key, in the column order <see cref="ReadApiKeysAsync"/> expects.</summary>
    public const string SelectApiKeys = "SELECT key_id, name, role, secret_hash, created_at, origin FROM api_keys ORDER BY created_at, key_id;";

    /// <summary>Runs <paramref name="command"/> (<see cref="SelectApiKeys"/>) and reads its rows as API keys.</summary>
    /// <param name="command">The command, its text set; not disposed.</param>
    /// <param name="createdAt">Reads the <c>created_at</c> column at an ordinal, as the store holds instants.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The keys, oldest first.</returns>
    public static async Task<IReadOnlyList<ApiKeyRecord>> ReadApiKeysAsync(DbCommand command, Func<DbDataReader, int, DateTimeOffset> createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(createdAt);
        var keys = new List<ApiKeyRecord>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                keys.Add(new ApiKeyRecord
                {
                    KeyId = reader.GetString(0),
                    Name = reader.GetString(1),
                    Role = ToEnum<ApiKeyRole>(reader.GetInt32(2)),
                    SecretHash = reader.GetFieldValue<byte[]>(3),
                    CreatedAt = createdAt(reader, 4),
                    Origin = ToEnum<ApiKeyOrigin>(reader.GetInt32(5)),
                });
            }
        }

        return keys;
    }

    /// <summary>Gets the metadata a version has once stored: its version (or, without one, its date added) and date added.</summary>
    /// <param name="collectionId">The collection.</param>
    /// <param name="item">The version to store.</param>
    /// <param name="dateAdded">The <c>date_added</c> handed out to it, already truncated (<see cref="Truncate"/>).</param>
    /// <returns>The stored version's metadata, without its JSON.</returns>
    public static TaxiiObjectRecord ToStoredTaxiiObject(string collectionId, TaxiiNewObjectRecord item, DateTimeOffset dateAdded)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new TaxiiObjectRecord
        {
            CollectionId = collectionId,
            ObjectId = item.ObjectId,
            Type = item.Type,
            SpecVersion = item.SpecVersion,
            Version = item.Version is { } version ? Truncate(version) : dateAdded,
            VersionText = item.Version is null ? null : item.VersionText,
            DateAdded = dateAdded,
            Tlp = item.Tlp,
        };
    }

    /// <summary>Lists a status's details in stored order, each with its stored kind: 0 success, 1 failure, 2 pending.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The details.</returns>
    public static IEnumerable<(int Kind, TaxiiStatusDetailRecord Detail)> StatusDetailRows(TaxiiStatusRecord status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Successes.Select(d => (0, d))
            .Concat(status.Failures.Select(d => (1, d)))
            .Concat(status.Pendings.Select(d => (2, d)));
    }

    /// <summary>Gives a status the details read back in stored order, sorting them by kind (see <see cref="StatusDetailRows"/>).</summary>
    /// <param name="status">The status, without details.</param>
    /// <param name="rows">The details with their stored kinds.</param>
    /// <returns>The status with its details.</returns>
    /// <exception cref="InvalidDataException">A kind is not 0, 1 or 2.</exception>
    public static TaxiiStatusRecord WithStatusDetails(TaxiiStatusRecord status, IEnumerable<(int Kind, TaxiiStatusDetailRecord Detail)> rows)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(rows);
        List<TaxiiStatusDetailRecord>[] lists = [[], [], []];
        foreach (var (kind, detail) in rows)
        {
            if (kind is < 0 or > 2)
            {
                throw new InvalidDataException(
                    $"Status {status.Id} has a detail of kind {kind} in the database; a kind is 0 (success), 1 (failure) or 2 (pending).");
            }

            lists[kind].Add(detail);
        }

        return status with { Successes = lists[0], Failures = lists[1], Pendings = lists[2] };
    }
}
