using DistillGuard.Core.Exchanges;
using DistillGuard.Core.Features;
using DistillGuard.Core.Storage;

namespace DistillGuard.Server.Journal;

/// <summary>Builds the journal entry of an accepted exchange, as every ingest log stores it.</summary>
internal static class JournalEntries
{
    /// <summary>The entry: the exchange without its texts and its features (<see cref="JournalCodec"/>), and the prompt only when it is stored.</summary>
    /// <param name="exchange">The exchange.</param>
    /// <param name="features">Its features.</param>
    /// <param name="storePromptText">Whether prompt text (and the quotes evidence cites) is stored.</param>
    public static JournalEntry Of(Exchange exchange, in ExchangeFeatures features, bool storePromptText) => new()
    {
        ExchangeId = exchange.Id,
        Timestamp = exchange.Timestamp,
        AccountId = exchange.AccountId,
        EndUserId = exchange.EndUserId,
        // The evidence quote is prompt text: kept in memory, stored only when prompt text is.
        Payload = JournalCodec.Encode(exchange, storePromptText ? features : features with { CoercionQuote = null }),
        PromptText = storePromptText ? PromptOf(exchange) : null,
    };

    private static string? PromptOf(Exchange exchange)
    {
        var messages = exchange.Request.Messages;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == "user")
            {
                return messages[i].Content;
            }
        }

        return null;
    }
}
