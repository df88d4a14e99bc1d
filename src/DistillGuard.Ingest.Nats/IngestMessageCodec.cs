using System.Text;
using DistillGuard.Core.Storage;

namespace DistillGuard.Ingest.Nats;

/// <summary>
/// The body of one stream message: journal entries of one partition, in append order. A version byte, the count, then
/// each entry's fields (strings as a 7-bit-encoded byte length and UTF-8, the timestamp as UTC ticks and offset
/// minutes, the payload as its length and bytes, absent values as a zero presence byte). The payload is the journal's
/// own (<c>JournalCodec</c>), carried as it is, so the pump stores exactly what the embedded journal would.
/// </summary>
internal static class IngestMessageCodec
{
    private const byte Version = 1;

    /// <summary>The bytes an entry adds to a message, within a few bytes (for splitting a batch into messages).</summary>
    public static int SizeOf(JournalEntry entry) =>
        32 + Encoding.UTF8.GetByteCount(entry.ExchangeId) + Encoding.UTF8.GetByteCount(entry.AccountId)
        + (entry.EndUserId is null ? 0 : Encoding.UTF8.GetByteCount(entry.EndUserId))
        + (entry.PromptText is null ? 0 : Encoding.UTF8.GetByteCount(entry.PromptText)) + entry.Payload.Length;

    public static byte[] Encode(IReadOnlyList<JournalEntry> entries)
    {
        using var buffer = new MemoryStream(entries.Sum(SizeOf) + 8);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write7BitEncodedInt(entries.Count);
            foreach (var entry in entries)
            {
                w.Write(entry.ExchangeId);
                w.Write(entry.Timestamp.UtcTicks);
                w.Write((short)entry.Timestamp.Offset.TotalMinutes);
                w.Write(entry.AccountId);
                Optional(w, entry.EndUserId);
                w.Write7BitEncodedInt(entry.Payload.Length);
                w.Write(entry.Payload);
                Optional(w, entry.PromptText);
            }
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not such a message.</exception>
    public static IReadOnlyList<JournalEntry> Decode(byte[] message)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(message, writable: false), Encoding.UTF8);
            var version = r.ReadByte();
            if (version != Version)
            {
                throw new InvalidDataException($"unknown ingest message version {version}");
            }

            var count = r.Read7BitEncodedInt();
            if (count < 0 || count > message.Length)
            {
                throw new InvalidDataException($"invalid entry count {count}");
            }

            var entries = new JournalEntry[count];
            for (var i = 0; i < count; i++)
            {
                var id = r.ReadString();
                var ticks = r.ReadInt64();
                var offset = TimeSpan.FromMinutes(r.ReadInt16());
                var account = r.ReadString();
                var endUser = r.ReadBoolean() ? r.ReadString() : null;
                var length = r.Read7BitEncodedInt();
                var payload = r.ReadBytes(length);
                if (payload.Length != length)
                {
                    throw new InvalidDataException("the message ends inside an entry");
                }

                entries[i] = new JournalEntry
                {
                    ExchangeId = id,
                    Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset),
                    AccountId = account,
                    EndUserId = endUser,
                    Payload = payload,
                    PromptText = r.ReadBoolean() ? r.ReadString() : null,
                };
            }

            if (r.BaseStream.Position != message.Length)
            {
                throw new InvalidDataException("bytes after the last entry");
            }

            return entries;
        }
        catch (Exception ex) when (ex is EndOfStreamException or FormatException or ArgumentException)
        {
            throw new InvalidDataException("not an ingest message: " + ex.Message, ex);
        }
    }

    private static void Optional(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
        {
            w.Write(value);
        }
    }
}
