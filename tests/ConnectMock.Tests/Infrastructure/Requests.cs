using System.Text.Json.Nodes;

namespace ConnectMock.Tests.Infrastructure;

/// <summary>Request bodies as JSON trees, so tests can set, remove or mistype any member.</summary>
public static class Requests
{
    /// <summary>The InstanceId of <see cref="Minimal"/> and <see cref="Full"/>.</summary>
    public const string InstanceId = "11111111-2222-3333-4444-555555555555";

    public static JsonObject Minimal(string? clientToken = null)
    {
        var body = new JsonObject
        {
            ["InstanceId"] = "11111111-2222-3333-4444-555555555555",
            ["ContactFlowId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["ParticipantDetails"] = new JsonObject { ["DisplayName"] = "Jane" },
        };
        if (clientToken is not null)
        {
            body["ClientToken"] = clientToken;
        }

        return body;
    }

    /// <summary>All 14 members of the current model, every one valid.</summary>
    public static JsonObject Full(string? clientToken = null) => new()
    {
        ["InstanceId"] = "11111111-2222-3333-4444-555555555555",
        ["ContactFlowId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ["Attributes"] = new JsonObject { ["orderId"] = "ORD-1001", ["customer_tier"] = "gold" },
        ["ParticipantDetails"] = new JsonObject { ["DisplayName"] = "Jane" },
        ["ParticipantConfiguration"] = new JsonObject { ["ResponseMode"] = "INCREMENTAL" },
        ["InitialMessage"] = new JsonObject { ["ContentType"] = "text/plain", ["Content"] = "hi" },
        ["ClientToken"] = clientToken ?? Guid.NewGuid().ToString(),
        ["ChatDurationInMinutes"] = 60,
        ["SupportedMessagingContentTypes"] = new JsonArray(
            "text/plain",
            "application/vnd.amazonaws.connect.message.interactive",
            "application/vnd.amazonaws.connect.message.interactive.response"),
        ["RelatedContactId"] = "d88ac802-4fa8-4ddd-9e59-89ac2e378879",
        ["SegmentAttributes"] = new JsonObject { ["connect:Subtype"] = new JsonObject { ["ValueString"] = "connect:Guide" } },
        ["CustomerId"] = "CRM-000123",
        ["DisconnectOnCustomerExit"] = new JsonArray("AGENT"),
    };

    /// <summary>A persistent chat; it cannot carry RelatedContactId.</summary>
    public static JsonObject Persistent(string sourceContactId)
    {
        var body = Minimal();
        body["PersistentChat"] = new JsonObject { ["RehydrationType"] = "FROM_SEGMENT", ["SourceContactId"] = sourceContactId };
        return body;
    }

    public static JsonObject With(this JsonObject body, string member, JsonNode? value)
    {
        body[member] = value;
        return body;
    }

    public static JsonObject Without(this JsonObject body, string member)
    {
        body.Remove(member);
        return body;
    }

    /// <summary>A string of <paramref name="count"/> code points; with an emoji, each is two UTF-16 units.</summary>
    public static string Text(int count, string unit = "a") => string.Concat(Enumerable.Repeat(unit, count));
}
