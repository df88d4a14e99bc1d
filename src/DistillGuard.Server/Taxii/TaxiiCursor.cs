using System.Buffers.Binary;
using System.Buffers.Text;

namespace DistillGuard.Server.Taxii;

/// <summary>
/// The <c>next</c> value of a page: opaque to peers; it carries the <c>date_added</c> of the page's last item, after
/// which the next page starts (the store hands out strictly increasing values, so nothing is skipped or repeated).
/// </summary>
internal static class TaxiiCursor
{
    private const byte Format = 1;
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static string Encode(DateTimeOffset lastDateAdded)
    {
        Span<byte> bytes = stackalloc byte[9];
        bytes[0] = Format;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], (lastDateAdded.UtcTicks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string text, out DateTimeOffset lastDateAdded)
    {
        lastDateAdded = default;
        // IsValid first: TryDecodeFromChars throws on a character that is not base64url (a peer's garbage is not ours).
        Span<byte> bytes = stackalloc byte[12];
        if (!Base64Url.IsValid(text, out var length) || length != 9
            || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 9 || bytes[0] != Format)
        {
            return false;
        }

        var micros = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        if (micros < 0 || micros > (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicrosecond)
        {
            return false;
        }

        lastDateAdded = new DateTimeOffset(DateTime.UnixEpoch.Ticks + (micros * TicksPerMicrosecond), TimeSpan.Zero);
        return true;
    }
}
