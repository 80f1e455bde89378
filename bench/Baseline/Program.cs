using System.Text.Json.Serialization;
using ConnectMock.Bench.Baseline;

var app = BaselineApp.Build(WebApplication.CreateBuilder(args));
app.Run();

namespace ConnectMock.Bench.Baseline
{
    /// <summary>
    /// The bare endpoint that ConnectMock is measured against: the same JSON in (read with System.Text.Json's
    /// source-generated reader), three new GUIDs out. No validation, no store, no logging, no extra headers.
    /// </summary>
    public static class BaselineApp
    {
        public static WebApplication Build(WebApplicationBuilder builder)
        {
            builder.Logging.ClearProviders();
            builder.Services.ConfigureHttpJsonOptions(json =>
            {
                // AWS member names, exactly as declared and case-sensitive, as ConnectMock reads and writes them.
                json.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default);
                json.SerializerOptions.PropertyNamingPolicy = null;
                json.SerializerOptions.PropertyNameCaseInsensitive = false;
            });

            var app = builder.Build();
            app.MapPut("/contact/chat", (StartChatRequest request) => TypedResults.Ok(new StartChatResponse(
                Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), Guid.NewGuid().ToString())));
            return app;
        }
    }

    /// <summary>The StartChatContact body, every member, as plain JSON-bound properties.</summary>
    public sealed class StartChatRequest
    {
        public string? InstanceId { get; init; }

        public string? ContactFlowId { get; init; }

        public Dictionary<string, string?>? Attributes { get; init; }

        public Participant? ParticipantDetails { get; init; }

        public ParticipantSettings? ParticipantConfiguration { get; init; }

        public Message? InitialMessage { get; init; }

        public string? ClientToken { get; init; }

        public int? ChatDurationInMinutes { get; init; }

        public List<string?>? SupportedMessagingContentTypes { get; init; }

        public Persistent? PersistentChat { get; init; }

        public string? RelatedContactId { get; init; }

        public Dictionary<string, SegmentValue?>? SegmentAttributes { get; init; }

        public string? CustomerId { get; init; }

        public List<string?>? DisconnectOnCustomerExit { get; init; }
    }

    public sealed class Participant
    {
        public string? DisplayName { get; init; }
    }

    public sealed class ParticipantSettings
    {
        public string? ResponseMode { get; init; }
    }

    public sealed class Message
    {
        public string? ContentType { get; init; }

        public string? Content { get; init; }
    }

    public sealed class Persistent
    {
        public string? RehydrationType { get; init; }

        public string? SourceContactId { get; init; }
    }

    public sealed class SegmentValue
    {
        public string? ValueString { get; init; }

        public Dictionary<string, SegmentValue?>? ValueMap { get; init; }

        public int? ValueInteger { get; init; }

        public List<SegmentValue?>? ValueList { get; init; }

        public string? ValueArn { get; init; }
    }

    public sealed record StartChatResponse(string ContactId, string ParticipantId, string ParticipantToken);

    [JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
    [JsonSerializable(typeof(StartChatRequest))]
    [JsonSerializable(typeof(StartChatResponse))]
    internal sealed partial class BaselineJsonContext : JsonSerializerContext;
}
