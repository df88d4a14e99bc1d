using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace DistillGuard.Ingest.Reading;

/// <summary>
/// Decompresses gzip (RFC 1952) as it is read, member by member, and checks every member's trailer, so that a
/// truncated or corrupt input fails with an <see cref="InvalidDataException"/> instead of ending early.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="GZipStream"/> ends a truncated stream silently, as if it were complete, unless the process-wide
/// switch <c>System.IO.Compression.UseStrictValidation</c> is set before its first use; an input reader cannot
/// rely on that. This stream parses the gzip framing itself and inflates each member's raw deflate data with
/// <see cref="DeflateStream"/>, computing the CRC-32 and length of what comes out.
/// </para>
/// <para>
/// <see cref="DeflateStream"/> reads ahead and does not say where the deflate data ended. It only reads more
/// input when it needs it, so when a member's deflate data ends, its last byte lies in the last chunk handed to
/// it. The member's trailer (CRC-32 and length, 8 bytes) is therefore the first place at or after that chunk's
/// start where the expected 8 bytes occur and are followed by the end of the input or the next member's magic
/// bytes. If there is no such place the member was cut short or is corrupt. The chance that 8 bytes of
/// compressed data equal the expected trailer by accident is 2^-64 per position.
/// </para>
/// <para>Concatenated members (as <c>cat a.gz b.gz</c> or <c>bgzip</c> write them) are read one after the other.</para>
/// </remarks>
internal sealed class GzipReadStream : ReadOnlyStream
{
    /// <summary>The first gzip magic byte.</summary>
    internal const byte Id1 = 0x1f;

    /// <summary>The second gzip magic byte.</summary>
    internal const byte Id2 = 0x8b;

    private const byte DeflateMethod = 8;
    private const byte FlagHeaderCrc = 0x02;
    private const byte FlagExtra = 0x04;
    private const byte FlagName = 0x08;
    private const byte FlagComment = 0x10;
    private const byte FlagReserved = 0xe0;
    private const int FixedHeaderLength = 10;
    private const int TrailerLength = 8;
    private const int WindowSize = 64 * 1024;
    private const int MaxChunk = 16 * 1024;

    private readonly Stream _source;
    private readonly byte[] _window;
    private readonly MemberInput _memberInput;
    private readonly Crc32 _crc = new();
    private int _start;
    private int _end;
    private int _chunkStart;
    private int _chunkEnd;
    private long _windowOffset;
    private bool _sourceEnded;
    private DeflateStream? _inflater;
    private uint _memberLength;
    private int _membersRead;
    private bool _ended;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="GzipReadStream"/> class.</summary>
    /// <param name="source">The compressed input, positioned at a gzip member; owned by this stream.</param>
    public GzipReadStream(Stream source)
    {
        _source = source;
        _window = ArrayPool<byte>.Shared.Rent(WindowSize);
        _memberInput = new MemberInput(this);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadCoreAsync(buffer.AsMemory(offset, count), async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        ValidateBufferArguments(buffer, offset, count);
        return ReadCoreAsync(buffer.AsMemory(offset, count), async: true, cancellationToken).AsTask();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, async: true, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _inflater?.Dispose();
            _source.Dispose();
            ArrayPool<byte>.Shared.Return(_window);
        }

        base.Dispose(disposing);
    }

    private static InvalidDataException Corrupt(string message) => new(message);

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, bool async, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (!_ended)
        {
            if (_inflater is null && !await BeginMemberAsync(async, cancellationToken).ConfigureAwait(false))
            {
                _ended = true;
                break;
            }

            int read = async
                ? await _inflater!.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)
                : _inflater!.Read(buffer.Span);
            if (read > 0)
            {
                _crc.Append(buffer.Span[..read]);
                _memberLength += (uint)read;
                return read;
            }

            await EndMemberAsync(async, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private async ValueTask<bool> BeginMemberAsync(bool async, CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(_start, 1, async, cancellationToken).ConfigureAwait(false))
        {
            return _membersRead == 0 ? throw Corrupt("gzip data is empty") : false;
        }

        long memberOffset = _windowOffset + _start;
        if (!await EnsureAsync(_start, FixedHeaderLength, async, cancellationToken).ConfigureAwait(false))
        {
            throw Corrupt($"gzip data is truncated in the header of member {_membersRead + 1} at compressed byte {memberOffset}");
        }

        if (_window[_start] != Id1 || _window[_start + 1] != Id2)
        {
            throw Corrupt($"gzip data is corrupt: no member header at compressed byte {memberOffset}");
        }

        if (_window[_start + 2] != DeflateMethod)
        {
            throw Corrupt($"gzip member at compressed byte {memberOffset} uses compression method {_window[_start + 2]}, not deflate");
        }

        byte flags = _window[_start + 3];
        if ((flags & FlagReserved) != 0)
        {
            throw Corrupt($"gzip member at compressed byte {memberOffset} has reserved header flags set");
        }

        _start += FixedHeaderLength;
        if ((flags & FlagExtra) != 0)
        {
            await RequireAsync(2, memberOffset, async, cancellationToken).ConfigureAwait(false);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(_window.AsSpan(_start, 2));
            _start += 2;
            await RequireAsync(extraLength, memberOffset, async, cancellationToken).ConfigureAwait(false);
            _start += extraLength;
        }

        if ((flags & FlagName) != 0)
        {
            await SkipZeroTerminatedAsync(memberOffset, async, cancellationToken).ConfigureAwait(false);
        }

        if ((flags & FlagComment) != 0)
        {
            await SkipZeroTerminatedAsync(memberOffset, async, cancellationToken).ConfigureAwait(false);
        }

        if ((flags & FlagHeaderCrc) != 0)
        {
            await RequireAsync(2, memberOffset, async, cancellationToken).ConfigureAwait(false);
            _start += 2;
        }

        _crc.Reset();
        _memberLength = 0;
        _chunkStart = _chunkEnd = _start;
        _inflater = new DeflateStream(_memberInput, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    private async ValueTask EndMemberAsync(bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await _inflater!.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _inflater!.Dispose();
        }

        _inflater = null;
        _membersRead++;

        // Keep the last chunk in the window and make sure the 8 trailer bytes and 2 more after it are there.
        await EnsureAsync(_chunkStart, _chunkEnd - _chunkStart + TrailerLength + 2, async, cancellationToken).ConfigureAwait(false);

        Span<byte> expected = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], _memberLength);

        for (int candidate = _chunkStart; candidate <= _chunkEnd && candidate + TrailerLength <= _end; candidate++)
        {
            int found = _window.AsSpan(candidate, _end - candidate).IndexOf(expected);
            if (found < 0)
            {
                break;
            }

            candidate += found;
            int after = candidate + TrailerLength;
            bool atEnd = after == _end && _sourceEnded;
            bool nextMember = _end - after >= 2 && _window[after] == Id1 && _window[after + 1] == Id2;
            if (candidate <= _chunkEnd && (atEnd || nextMember))
            {
                _start = after;
                return;
            }
        }

        throw Corrupt(
            $"gzip data is truncated or corrupt: member {_membersRead} has no valid CRC-32/length trailer " +
            $"(compressed data ends or breaks near byte {_windowOffset + _chunkEnd})");
    }

    private async ValueTask RequireAsync(int count, long memberOffset, bool async, CancellationToken cancellationToken)
    {
        if (!await EnsureAsync(_start, count, async, cancellationToken).ConfigureAwait(false))
        {
            throw Corrupt($"gzip data is truncated in the header of the member at compressed byte {memberOffset}");
        }
    }

    private async ValueTask SkipZeroTerminatedAsync(long memberOffset, bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            await RequireAsync(1, memberOffset, async, cancellationToken).ConfigureAwait(false);
            int zero = _window.AsSpan(_start, _end - _start).IndexOf((byte)0);
            if (zero >= 0)
            {
                _start += zero + 1;
                return;
            }

            _start = _end;
        }
    }

    /// <summary>Makes sure that at least <paramref name="count"/> bytes from window position <paramref name="from"/> are in the window.</summary>
    /// <returns><see langword="false"/> if the input ended first.</returns>
    private async ValueTask<bool> EnsureAsync(int from, int count, bool async, CancellationToken cancellationToken)
    {
        while (_end - from < count)
        {
            if (_sourceEnded)
            {
                return false;
            }

            if (from > 0)
            {
                _window.AsSpan(from, _end - from).CopyTo(_window);
                _windowOffset += from;
                _start -= from;
                _end -= from;
                _chunkStart = Math.Max(0, _chunkStart - from);
                _chunkEnd = Math.Max(0, _chunkEnd - from);
                from = 0;
            }

            int free = _window.Length - _end;
            int read = async
                ? await _source.ReadAsync(_window.AsMemory(_end, free), cancellationToken).ConfigureAwait(false)
                : _source.Read(_window, _end, free);
            if (read == 0)
            {
                _sourceEnded = true;
            }

            _end += read;
        }

        return true;
    }

    private async ValueTask<int> ServeAsync(Memory<byte> destination, bool async, CancellationToken cancellationToken)
    {
        if (destination.IsEmpty || !await EnsureAsync(_start, 1, async, cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        int count = Math.Min(Math.Min(destination.Length, _end - _start), MaxChunk);
        _window.AsSpan(_start, count).CopyTo(destination.Span);
        _chunkStart = _start;
        _start += count;
        _chunkEnd = _start;
        return count;
    }

    /// <summary>The view of the compressed window that the current member's <see cref="DeflateStream"/> reads.</summary>
    private sealed class MemberInput(GzipReadStream owner) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            ValidateBufferArguments(buffer, offset, count);
            return owner.ServeAsync(buffer.AsMemory(offset, count), async: false, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            owner.ServeAsync(buffer, async: true, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            ValidateBufferArguments(buffer, offset, count);
            return owner.ServeAsync(buffer.AsMemory(offset, count), async: true, cancellationToken).AsTask();
        }
    }
}
