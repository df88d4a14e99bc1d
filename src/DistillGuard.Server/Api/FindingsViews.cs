using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Ingest.Findings;

namespace DistillGuard.Server.Api;

/// <summary>
/// Subjects and campaigns in the <c>dg-findings/1</c> shapes, cut out of a document written by <see cref="FindingsJson"/>
/// so the service and the batch command write them the same way.
/// </summary>
internal static class FindingsViews
{
    public static JsonNode Document(FindingsDocument document)
    {
        using var stream = new MemoryStream();
        FindingsJson.Write(stream, document);
        stream.Position = 0;
        return JsonNode.Parse(stream)!;
    }

    public static JsonNode Subject(SubjectFinding subject) =>
        Document(Wrap([subject], [])) ["subjects"]![0]!.DeepClone();

    public static JsonArray Campaigns(IReadOnlyList<CampaignFinding> campaigns) =>
        Document(Wrap([], campaigns))["campaigns"]!.AsArray().DeepClone().AsArray();

    private static FindingsDocument Wrap(IReadOnlyList<SubjectFinding> subjects, IReadOnlyList<CampaignFinding> campaigns) => new()
    {
        GeneratedAt = DateTimeOffset.UnixEpoch,
        Input = new InputSummary { Lines = 0, Accepted = 0, Rejected = 0, Duplicates = 0 },
        Subjects = subjects,
        Campaigns = campaigns,
    };
}
