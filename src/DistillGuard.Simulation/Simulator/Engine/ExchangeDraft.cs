using DistillGuard.Core.Exchanges;

namespace DistillGuard.Simulation.Simulator.Engine;

/// <summary>An exchange waiting in the time slice to be ordered and given its id.</summary>
internal sealed record ExchangeDraft(
    DateTimeOffset Timestamp,
    long Sequence,
    Subject Subject,
    string AccountId,
    string? ApiKeyId,
    string? EndUserId,
    ClientInfo Client,
    BillingInfo Billing,
    ChatRequest Request,
    ResponseInfo Response)
{
    public Exchange ToExchange(string id) => new()
    {
        Id = id,
        Timestamp = Timestamp,
        AccountId = AccountId,
        ApiKeyId = ApiKeyId,
        EndUserId = EndUserId,
        Client = Client,
        Billing = Billing,
        Request = Request,
        Response = Response,
    };
}
