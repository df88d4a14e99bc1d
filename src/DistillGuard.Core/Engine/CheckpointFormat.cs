using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using DistillGuard.Core.Signals;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The framing of an engine checkpoint (<see cref="DetectionEngine.WriteCheckpoint(System.Buffers.IBufferWriter{byte}, bool)"/>): header, sections, checksum.
/// </summary>
/// <remarks>
/// <code>
/// header    "DGCK" | UInt16 format version | UInt16 flags (0) | UInt64 fingerprint of the options and signals
/// sections  "CLCK" clock, "MODL" models, "LINK" link index, "ACCT" accounts, "USER" end users,
///           "CAMP" campaigns, "DIRT" components waiting for the next campaign tick, "CONT" content index
/// trailer   UInt64 XXH3-64 of every byte before it
/// </code>
/// Everything is little-endian. The reader checks the magic, then the version, then the checksum (so a truncated or
/// damaged checkpoint is told apart from a structurally odd one), then the fingerprint, and then every count and
/// index as it reads.
/// </remarks>
internal static class CheckpointFormat
{
    /// <summary>The format version this build writes and reads.</summary>
    public const ushort Version = 6;

    /// <summary>The bytes of the header: magic, version, flags, fingerprint.</summary>
    public const int HeaderSize = 4 + sizeof(ushort) + sizeof(ushort) + sizeof(ulong);

    /// <summary>The bytes of the trailing checksum.</summary>
    public const int ChecksumSize = sizeof(ulong);

    /// <summary>The string tags of <see cref="CheckpointWriter.WriteString"/>.</summary>
    public const byte NullString = 0;

    /// <inheritdoc cref="NullString"/>
    public const byte Utf8String = 1;

    /// <inheritdoc cref="NullString"/>
    public const byte Utf16String = 2;

    /// <summary>Gets the magic that starts a checkpoint.</summary>
    public static ReadOnlySpan<byte> Magic => "DGCK"u8;

    public static ReadOnlySpan<byte> ClockSection => "CLCK"u8;

    public static ReadOnlySpan<byte> ModelsSection => "MODL"u8;

    public static ReadOnlySpan<byte> LinksSection => "LINK"u8;

    public static ReadOnlySpan<byte> AccountsSection => "ACCT"u8;

    public static ReadOnlySpan<byte> EndUsersSection => "USER"u8;

    public static ReadOnlySpan<byte> CampaignsSection => "CAMP"u8;

    public static ReadOnlySpan<byte> DirtySection => "DIRT"u8;

    public static ReadOnlySpan<byte> ContentSection => "CONT"u8;

    /// <summary>Computes the checksum that ends a checkpoint, over every byte before it.</summary>
    public static ulong Checksum(ReadOnlySpan<byte> content) => XxHash3.HashToUInt64(content);

    public static void WriteHeader(CheckpointWriter writer, ulong fingerprint)
    {
        writer.WriteBytes(Magic);
        writer.WriteUInt16(Version);
        writer.WriteUInt16(0);
        writer.WriteUInt64(fingerprint);
    }

    /// <summary>Checks the framing of a checkpoint and returns a reader of its sections.</summary>
    /// <exception cref="InvalidDataException">The framing is wrong, or the fingerprint is not <paramref name="fingerprint"/>.</exception>
    public static CheckpointReader Open(ReadOnlySpan<byte> source, ulong fingerprint)
    {
        if (source.Length >= Magic.Length && !source.StartsWith(Magic))
        {
            throw new InvalidDataException(
                $"Not a DistillGuard engine checkpoint: it starts with 0x{Convert.ToHexString(source[..Magic.Length])}, not \"DGCK\".");
        }

        if (source.Length < HeaderSize + ChecksumSize)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"An engine checkpoint has at least {HeaderSize + ChecksumSize} bytes; this one has {source.Length}: it is truncated or not a checkpoint."));
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(source[Magic.Length..]);
        if (version != Version)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"Unsupported engine checkpoint format version {version}; this build reads version {Version}. Replay the journal instead."));
        }

        var content = source[..^ChecksumSize];
        var expected = BinaryPrimitives.ReadUInt64LittleEndian(source[^ChecksumSize..]);
        var actual = Checksum(content);
        if (expected != actual)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The engine checkpoint's checksum does not match ({actual:x16}, stored {expected:x16}): its {source.Length} bytes are truncated or corrupt."));
        }

        var flags = BinaryPrimitives.ReadUInt16LittleEndian(source[(Magic.Length + sizeof(ushort))..]);
        if (flags != 0)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The engine checkpoint has flags 0x{flags:x4}, which this build does not know."));
        }

        var stored = BinaryPrimitives.ReadUInt64LittleEndian(source[(Magic.Length + (2 * sizeof(ushort)))..]);
        if (stored != fingerprint)
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The engine checkpoint was written with other detection options or signals (fingerprint {stored:x16}; these give {fingerprint:x16}). Restore it with the options and signals it was written with, or replay the journal from the start."));
        }

        return new CheckpointReader(content[HeaderSize..], HeaderSize);
    }

    /// <summary>
    /// Hashes what shapes the engine's state besides the exchanges: the options the engine reads (not the sequencer's
    /// windows, and the allow-list only when it is not empty) and each signal's name, weight and pooling, in order. A signal's inner workings cannot be hashed: a
    /// signal changed under the same name is not noticed.
    /// </summary>
    public static ulong Fingerprint(DetectionOptions options, IReadOnlyList<IDetectionSignal> signals)
    {
        var hash = new XxHash3();
        Append(hash, Version);
        Append(hash, options.CampaignInterval.Ticks);
        Append(hash, options.MultiTenantEndUsers);
        Append(hash, options.CampaignLift);
        Append(hash, options.MinCampaignAccounts);
        Append(hash, options.ReleasePivotWindow.Ticks);
        Append(hash, options.TieNearDuplicates ? 1 : 0);
        Append(hash, options.CohortWindow.Ticks);
        Append(hash, options.MinCohortAccounts);
        Append(hash, options.Scoring.Bias);
        Append(hash, options.Scoring.SuspiciousThreshold);
        Append(hash, options.Scoring.DistillationThreshold);
        Append(hash, options.Scoring.MultiTenantWeight);

        // Only a non-empty allow-list is hashed, so checkpoints written before the option existed still restore.
        if (options.AllowListedAccounts.Count > 0)
        {
            Append(hash, options.AllowListedAccounts.Count);
            foreach (var account in options.AllowListedAccounts.Order(StringComparer.Ordinal))
            {
                var id = Encoding.UTF8.GetBytes(account);
                Append(hash, id.Length);
                hash.Append(id);
            }
        }

        Append(hash, signals.Count);
        foreach (var signal in signals)
        {
            var name = Encoding.UTF8.GetBytes(signal.Name);
            Append(hash, name.Length);
            hash.Append(name);
            Append(hash, signal.Weight);
            Append(hash, signal.MeasuresPooledTraffic ? 1 : 0);
        }

        return hash.GetCurrentHashAsUInt64();
    }

    private static void Append(XxHash3 hash, long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        hash.Append(bytes);
    }

    private static void Append(XxHash3 hash, double value) => Append(hash, BitConverter.DoubleToInt64Bits(value));
}
