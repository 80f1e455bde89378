using System.Net;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;
using static ConnectMock.Tests.Infrastructure.Requests;

namespace ConnectMock.Tests.Connect;

/// <summary>One case per rule of the model and the documentation, with the boundary on both sides.</summary>
public sealed class StartChatContactValidationTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Emoji = "\U0001F600"; // one code point, two UTF-16 units
    private const string Interactive = "application/vnd.amazonaws.connect.message.interactive";
    private const string InteractiveResponse = "application/vnd.amazonaws.connect.message.interactive.response";

    /// <summary>Bodies that must be accepted: each sits exactly on a boundary.</summary>
    public static TheoryData<string, string> Valid() => new()
    {
        { "InstanceId of 1", Minimal().With("InstanceId", "i").ToJsonString() },
        { "InstanceId of 100", Minimal().With("InstanceId", Text(100)).ToJsonString() },
        { "InstanceId of 100 code points in 200 UTF-16 units", Minimal().With("InstanceId", Text(100, Emoji)).ToJsonString() },
        { "ContactFlowId empty (its minimum is 0)", Minimal().With("ContactFlowId", "").ToJsonString() },
        { "ContactFlowId of 500", Minimal().With("ContactFlowId", Text(500)).ToJsonString() },
        { "DisplayName of 256", Minimal().With("ParticipantDetails", new JsonObject { ["DisplayName"] = Text(256) }).ToJsonString() },
        { "DisplayName of 256 emoji", Minimal().With("ParticipantDetails", new JsonObject { ["DisplayName"] = Text(256, Emoji) }).ToJsonString() },
        { "Attributes empty", Minimal().With("Attributes", new JsonObject()).ToJsonString() },
        { "Attributes key of letters, digits, - and _", Minimal().With("Attributes", new JsonObject { ["a-Z_09"] = "v" }).ToJsonString() },
        { "Attributes value empty", Minimal().With("Attributes", new JsonObject { ["k"] = "" }).ToJsonString() },
        { "Attributes of exactly 32768 bytes", Minimal().With("Attributes", new JsonObject { ["k"] = Text(32_767) }).ToJsonString() },
        { "Attributes of 32768 bytes over two pairs", Minimal().With("Attributes", new JsonObject { ["a"] = Text(16_384), ["b"] = Text(16_382) }).ToJsonString() },
        { "ResponseMode INCREMENTAL", Minimal().With("ParticipantConfiguration", new JsonObject { ["ResponseMode"] = "INCREMENTAL" }).ToJsonString() },
        { "ResponseMode COMPLETE", Minimal().With("ParticipantConfiguration", new JsonObject { ["ResponseMode"] = "COMPLETE" }).ToJsonString() },
        { "ParticipantConfiguration empty", Minimal().With("ParticipantConfiguration", new JsonObject()).ToJsonString() },
        { "text/plain content of 1024", Message("text/plain", Text(1024)) },
        { "text/plain content of 1024 emoji", Message("text/plain", Text(1024, Emoji)) },
        { "text/markdown content of 1024", Message("text/markdown", Text(1024)) },
        { "application/json content of 12000", Message("application/json", Text(12_000)) },
        { "interactive response content of 12288", Message(InteractiveResponse, Text(12_288)) },
        { "content of 1", Message("text/plain", "x") },
        { "ClientToken empty", Minimal().With("ClientToken", "").ToJsonString() },
        { "ClientToken of 500", Minimal().With("ClientToken", Text(500)).ToJsonString() },
        { "ChatDurationInMinutes 60", Minimal().With("ChatDurationInMinutes", 60).ToJsonString() },
        { "ChatDurationInMinutes 10080", Minimal().With("ChatDurationInMinutes", 10_080).ToJsonString() },
        { "SupportedMessagingContentTypes with text/plain last", ContentTypes("text/markdown", "application/json", "text/plain") },
        { "SupportedMessagingContentTypes of all five", ContentTypes("text/plain", "text/markdown", "application/json", Interactive, InteractiveResponse) },
        { "RelatedContactId of 1", Minimal().With("RelatedContactId", "r").ToJsonString() },
        { "RelatedContactId of 256", Minimal().With("RelatedContactId", Text(256)).ToJsonString() },
        { "SegmentAttributes key of 128", Segments(new JsonObject { [Text(128)] = Value("ValueString", "v") }) },
        { "SegmentAttributes ValueString of 1024", Segments(new JsonObject { ["k"] = Value("ValueString", Text(1024)) }) },
        { "SegmentAttributes ValueInteger", Segments(new JsonObject { ["k"] = Value("ValueInteger", -7) }) },
        { "SegmentAttributes nested ValueMap", Segments(new JsonObject { ["k"] = Value("ValueMap", new JsonObject { ["inner"] = Value("ValueString", "v") }) }) },
        { "SegmentAttributes ValueArn on a system attribute", Segments(new JsonObject { ["connect:Arn"] = Value("ValueArn", "arn:aws:connect:us-east-1:123456789012:instance/abc") }) },
        { "SegmentAttributes ValueList on a system attribute", Segments(new JsonObject { ["connect:List"] = Value("ValueList", new JsonArray(Value("ValueString", "a"))) }) },
        { "Guide subtype with both interactive types", GuideWith("text/plain", Interactive, InteractiveResponse) },
        { "CustomerId of 128", Minimal().With("CustomerId", Text(128)).ToJsonString() },
        { "DisconnectOnCustomerExit AGENT", Minimal().With("DisconnectOnCustomerExit", new JsonArray("AGENT")).ToJsonString() },
    };

    /// <summary>Bodies that break one rule each, with the exact clause AWS's validation message gives for it.</summary>
    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "InstanceId missing", Minimal().Without("InstanceId").ToJsonString(), "Value null at 'instanceId' failed to satisfy constraint: Member must not be null" },
        { "InstanceId null", Minimal().With("InstanceId", null).ToJsonString(), "Value null at 'instanceId' failed to satisfy constraint: Member must not be null" },
        { "InstanceId empty", Minimal().With("InstanceId", "").ToJsonString(), "Value '' at 'instanceId' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "InstanceId of 101", Minimal().With("InstanceId", Text(101)).ToJsonString(), $"Value '{Text(101)}' at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100" },
        { "InstanceId of 101 emoji", Minimal().With("InstanceId", Text(101, Emoji)).ToJsonString(), $"Value '{Text(101, Emoji)}' at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100" },
        { "ContactFlowId missing", Minimal().Without("ContactFlowId").ToJsonString(), "Value null at 'contactFlowId' failed to satisfy constraint: Member must not be null" },
        { "ContactFlowId of 501", Minimal().With("ContactFlowId", Text(501)).ToJsonString(), "at 'contactFlowId' failed to satisfy constraint: Member must have length less than or equal to 500" },
        { "ParticipantDetails missing", Minimal().Without("ParticipantDetails").ToJsonString(), "Value null at 'participantDetails' failed to satisfy constraint: Member must not be null" },
        { "DisplayName missing", Minimal().With("ParticipantDetails", new JsonObject()).ToJsonString(), "Value null at 'participantDetails.displayName' failed to satisfy constraint: Member must not be null" },
        { "DisplayName empty", Minimal().With("ParticipantDetails", new JsonObject { ["DisplayName"] = "" }).ToJsonString(), "Value '' at 'participantDetails.displayName' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "DisplayName of 257", Minimal().With("ParticipantDetails", new JsonObject { ["DisplayName"] = Text(257) }).ToJsonString(), "at 'participantDetails.displayName' failed to satisfy constraint: Member must have length less than or equal to 256" },
        { "Attributes key empty", Minimal().With("Attributes", new JsonObject { [""] = "v" }).ToJsonString(), "Value '{=v}' at 'attributes' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]" },
        { "Attributes key with a space", Minimal().With("Attributes", new JsonObject { ["a b"] = "v" }).ToJsonString(), "Value '{a b=v}' at 'attributes' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+]" },
        { "Attributes key with a dot", Minimal().With("Attributes", new JsonObject { ["a.b"] = "v" }).ToJsonString(), "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+]" },
        { "Attributes value null", Minimal().With("Attributes", new JsonObject { ["k"] = null }).ToJsonString(), "Value '{k=null}' at 'attributes' failed to satisfy constraint: Map value must satisfy constraint: [Member must not be null]" },
        { "Attributes value of 32768", Minimal().With("Attributes", new JsonObject { ["k"] = Text(32_768) }).ToJsonString(), "at 'attributes' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 32767]" },
        { "Attributes of 32769 bytes", Minimal().With("Attributes", new JsonObject { ["a"] = Text(16_384), ["b"] = Text(16_383) }).ToJsonString(), "at 'attributes' failed to satisfy constraint: Member must have a total size of keys and values less than or equal to 32768 UTF-8 bytes, but has 32769" },
        { "Attributes over 32768 bytes in two-byte characters", Minimal().With("Attributes", new JsonObject { ["k"] = Text(16_384, "é") }).ToJsonString(), "Member must have a total size of keys and values less than or equal to 32768 UTF-8 bytes, but has 32769" },
        { "ResponseMode unknown", Minimal().With("ParticipantConfiguration", new JsonObject { ["ResponseMode"] = "FAST" }).ToJsonString(), "Value 'FAST' at 'participantConfiguration.responseMode' failed to satisfy constraint: Member must satisfy enum value set: [INCREMENTAL, COMPLETE]" },
        { "InitialMessage without ContentType", Minimal().With("InitialMessage", new JsonObject { ["Content"] = "hi" }).ToJsonString(), "Value null at 'initialMessage.contentType' failed to satisfy constraint: Member must not be null" },
        { "InitialMessage without Content", Minimal().With("InitialMessage", new JsonObject { ["ContentType"] = "text/plain" }).ToJsonString(), "Value null at 'initialMessage.content' failed to satisfy constraint: Member must not be null" },
        { "InitialMessage content empty", Message("text/plain", ""), "Value '' at 'initialMessage.content' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "InitialMessage content type unknown", Message("text/html", "<b>hi</b>"), "Value 'text/html' at 'initialMessage.contentType' failed to satisfy constraint: Member must satisfy enum value set: [text/plain, text/markdown, application/json, application/vnd.amazonaws.connect.message.interactive.response]" },
        { "InitialMessage of the interactive (not response) type", Message(Interactive, "{}"), "at 'initialMessage.contentType' failed to satisfy constraint: Member must satisfy enum value set:" },
        { "InitialMessage content type empty", Message("", "hi"), "Value '' at 'initialMessage.contentType' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "text/plain content of 1025", Message("text/plain", Text(1025)), "at 'initialMessage.content' failed to satisfy constraint: Member must have length less than or equal to 1024 for ContentType text/plain" },
        { "text/markdown content of 1025", Message("text/markdown", Text(1025)), "Member must have length less than or equal to 1024 for ContentType text/markdown" },
        { "application/json content of 12001", Message("application/json", Text(12_001)), "Member must have length less than or equal to 12000 for ContentType application/json" },
        { "interactive response content of 12289", Message(InteractiveResponse, Text(12_289)), $"Member must have length less than or equal to 12288 for ContentType {InteractiveResponse}" },
        { "content over the model's 16384", Message("application/json", Text(16_385)), "at 'initialMessage.content' failed to satisfy constraint: Member must have length less than or equal to 16384" },
        { "ClientToken of 501", Minimal().With("ClientToken", Text(501)).ToJsonString(), "at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 500" },
        { "ChatDurationInMinutes 59", Minimal().With("ChatDurationInMinutes", 59).ToJsonString(), "Value '59' at 'chatDurationInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 60" },
        { "ChatDurationInMinutes 5", Minimal().With("ChatDurationInMinutes", 5).ToJsonString(), "Value '5' at 'chatDurationInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 60" },
        { "ChatDurationInMinutes 10081", Minimal().With("ChatDurationInMinutes", 10_081).ToJsonString(), "Value '10081' at 'chatDurationInMinutes' failed to satisfy constraint: Member must have value less than or equal to 10080" },
        { "SupportedMessagingContentTypes without text/plain", ContentTypes("text/markdown"), "Value '[text/markdown]' at 'supportedMessagingContentTypes' failed to satisfy constraint: Member must contain text/plain" },
        { "SupportedMessagingContentTypes empty", ContentTypes(), "Value '[]' at 'supportedMessagingContentTypes' failed to satisfy constraint: Member must contain text/plain" },
        { "SupportedMessagingContentTypes unknown type", ContentTypes("text/plain", "text/html"), "Value '[text/plain, text/html]' at 'supportedMessagingContentTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [text/plain, text/markdown, application/json, application/vnd.amazonaws.connect.message.interactive, application/vnd.amazonaws.connect.message.interactive.response]]" },
        { "SupportedMessagingContentTypes empty item", ContentTypes("text/plain", ""), "Member must satisfy constraint: [Member must have length greater than or equal to 1]" },
        { "SupportedMessagingContentTypes null item", Minimal().With("SupportedMessagingContentTypes", new JsonArray("text/plain", null)).ToJsonString(), "Value '[text/plain, null]' at 'supportedMessagingContentTypes' failed to satisfy constraint: Member must satisfy constraint: [Member must not be null]" },
        { "PersistentChat without RehydrationType", Minimal().With("PersistentChat", new JsonObject { ["SourceContactId"] = "c" }).ToJsonString(), "Value null at 'persistentChat.rehydrationType' failed to satisfy constraint: Member must not be null" },
        { "PersistentChat RehydrationType unknown", Minimal().With("PersistentChat", Persisted("ALL", "c")).ToJsonString(), "Value 'ALL' at 'persistentChat.rehydrationType' failed to satisfy constraint: Member must satisfy enum value set: [ENTIRE_PAST_SESSION, FROM_SEGMENT]" },
        { "PersistentChat without SourceContactId", Minimal().With("PersistentChat", new JsonObject { ["RehydrationType"] = "FROM_SEGMENT" }).ToJsonString(), "Value null at 'persistentChat.sourceContactId' failed to satisfy constraint: Member must not be null" },
        { "PersistentChat SourceContactId of 257", Minimal().With("PersistentChat", Persisted("FROM_SEGMENT", Text(257))).ToJsonString(), "at 'persistentChat.sourceContactId' failed to satisfy constraint: Member must have length less than or equal to 256" },
        { "RelatedContactId empty", Minimal().With("RelatedContactId", "").ToJsonString(), "Value '' at 'relatedContactId' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "RelatedContactId of 257", Minimal().With("RelatedContactId", Text(257)).ToJsonString(), "at 'relatedContactId' failed to satisfy constraint: Member must have length less than or equal to 256" },
        { "SegmentAttributes key of 129", Segments(new JsonObject { [Text(129)] = Value("ValueString", "v") }), "at 'segmentAttributes' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128]" },
        { "SegmentAttributes key empty", Segments(new JsonObject { [""] = Value("ValueString", "v") }), "Map keys must satisfy constraint: [Member must have length greater than or equal to 1]" },
        { "SegmentAttributes value null", Segments(new JsonObject { ["k"] = null }), "Value null at 'segmentAttributes.k' failed to satisfy constraint: Member must not be null" },
        { "SegmentAttributes ValueString of 1025", Segments(new JsonObject { ["k"] = Value("ValueString", Text(1025)) }), "at 'segmentAttributes.k.valueString' failed to satisfy constraint: Member must have length less than or equal to 1024" },
        { "SegmentAttributes nested key of 129", Segments(new JsonObject { ["k"] = Value("ValueMap", new JsonObject { [Text(129)] = Value("ValueString", "v") }) }), "at 'segmentAttributes.k.valueMap' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128]" },
        { "SegmentAttributes nested ValueString of 1025", Segments(new JsonObject { ["k"] = Value("ValueMap", new JsonObject { ["inner"] = Value("ValueString", Text(1025)) }) }), "at 'segmentAttributes.k.valueMap.inner.valueString' failed to satisfy constraint: Member must have length less than or equal to 1024" },
        { "SegmentAttributes ValueArn not an ARN", Segments(new JsonObject { ["connect:Arn"] = Value("ValueArn", "not-an-arn") }), "Value 'not-an-arn' at 'segmentAttributes.connect:Arn.valueArn' failed to satisfy constraint: Member must be a valid ARN" },
        { "SegmentAttributes ValueList item null", Segments(new JsonObject { ["connect:List"] = Value("ValueList", new JsonArray((JsonNode?)null)) }), "Value null at 'segmentAttributes.connect:List.valueList.1.member' failed to satisfy constraint: Member must not be null" },
        { "SegmentAttributes ValueList on a user attribute", Segments(new JsonObject { ["mine"] = Value("ValueList", new JsonArray(Value("ValueString", "a"))) }), "at 'segmentAttributes' failed to satisfy constraint: Member must use ValueList and ValueArn only for system-defined attributes (keys starting with 'connect:')" },
        { "SegmentAttributes ValueArn on a user attribute", Segments(new JsonObject { ["mine"] = Value("ValueArn", "arn:aws:connect:us-east-1:123456789012:instance/abc") }), "Member must use ValueList and ValueArn only for system-defined attributes" },
        { "Guide subtype without the interactive types", GuideWith("text/plain"), "at 'segmentAttributes' failed to satisfy constraint: Member must set connect:Subtype to connect:Guide only when SupportedMessagingContentTypes contains" },
        { "Guide subtype with only one interactive type", GuideWith("text/plain", Interactive), "Member must set connect:Subtype to connect:Guide only when SupportedMessagingContentTypes contains" },
        { "CustomerId empty", Minimal().With("CustomerId", "").ToJsonString(), "Value at 'customerId' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "CustomerId of 129", Minimal().With("CustomerId", Text(129)).ToJsonString(), "Value at 'customerId' failed to satisfy constraint: Member must have length less than or equal to 128" },
        { "DisconnectOnCustomerExit empty", Minimal().With("DisconnectOnCustomerExit", new JsonArray()).ToJsonString(), "Value '[]' at 'disconnectOnCustomerExit' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { "DisconnectOnCustomerExit of 2", Minimal().With("DisconnectOnCustomerExit", new JsonArray("AGENT", "AGENT")).ToJsonString(), "Value '[AGENT, AGENT]' at 'disconnectOnCustomerExit' failed to satisfy constraint: Member must have length less than or equal to 1" },
        { "DisconnectOnCustomerExit unknown type", Minimal().With("DisconnectOnCustomerExit", new JsonArray("CUSTOMER")).ToJsonString(), "Value '[CUSTOMER]' at 'disconnectOnCustomerExit' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [AGENT]]" },
    };

    /// <summary>PersistentChat bodies that pass validation; the source they name is then looked up (and not found).</summary>
    public static TheoryData<string, string> ValidPersistent => new()
    {
        { "PersistentChat ENTIRE_PAST_SESSION", Minimal().With("PersistentChat", Persisted("ENTIRE_PAST_SESSION", "c")).ToJsonString() },
        { "PersistentChat SourceContactId of 256", Minimal().With("PersistentChat", Persisted("FROM_SEGMENT", Text(256))).ToJsonString() },
    };

    [Theory]
    [MemberData(nameof(ValidPersistent))]
    public async Task StartChatContact_PersistentChatOnTheBoundary_PassesValidationToTheSourceLookup(string rule, string body)
    {
        var response = await Client.StartChatAsync(body);

        Assert.True(response.Status == HttpStatusCode.NotFound, $"{rule}: {response.Body}");
        Assert.Equal("SourceContactId does not name a contact of this instance.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task StartChatContact_OnTheBoundary_IsAccepted(string rule, string body)
    {
        var response = await Client.StartChatAsync(body);

        Assert.True(response.Status == HttpStatusCode.OK, $"{rule}: {response.Body}");
        AwsAssert.Started(response);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task StartChatContact_BreakingOneRule_GivesInvalidParameterNamingTheMember(string rule, string body, string clause)
    {
        var response = await Client.StartChatAsync(body);

        var message = AwsAssert.InvalidParameter(response);
        Assert.StartsWith("1 validation error detected: ", message, StringComparison.Ordinal);
        Assert.True(message.Contains(clause, StringComparison.Ordinal), $"{rule}: '{message}' does not contain '{clause}'");
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_SeveralBrokenMembers_AreAllReportedInOneMessage()
    {
        var body = new JsonObject { ["ChatDurationInMinutes"] = 5, ["ClientToken"] = Text(501) };

        var message = AwsAssert.InvalidParameter(await Client.StartChatAsync(body.ToJsonString()));

        Assert.Equal(
            "5 validation errors detected: " +
            "Value null at 'instanceId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'contactFlowId' failed to satisfy constraint: Member must not be null; " +
            "Value null at 'participantDetails' failed to satisfy constraint: Member must not be null; " +
            $"Value '{Text(256)}...' at 'clientToken' failed to satisfy constraint: Member must have length less than or equal to 500; " +
            "Value '5' at 'chatDurationInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 60",
            message);
    }

    [Fact]
    public async Task StartChatContact_ErrorBody_WritesQuotesAsAwsDoesNotAsUnicodeEscapes()
    {
        var response = await Client.StartChatAsync(Minimal().With("InstanceId", "").ToJsonString());

        Assert.Contains("Value '' at 'instanceId' failed", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_CustomerIdError_DoesNotEchoTheSensitiveValue()
    {
        var secret = "SECRET-" + Text(130);

        var message = AwsAssert.InvalidParameter(await Client.StartChatAsync(Minimal().With("CustomerId", secret).ToJsonString()));

        Assert.DoesNotContain("SECRET", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_RelatedContactIdWithPersistentChat_IsAnInvalidRequest()
    {
        var body = Persistent("d88ac802-4fa8-4ddd-9e59-89ac2e378879").With("RelatedContactId", "r-1");

        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(body.ToJsonString()));

        Assert.Equal("RelatedContactId and PersistentChat cannot be provided together.", message);
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_BrokenMemberAndExclusiveMembers_ReportsTheMemberFirst()
    {
        var body = Persistent("c").With("RelatedContactId", "r-1").With("ChatDurationInMinutes", 1);

        var message = AwsAssert.InvalidParameter(await Client.StartChatAsync(body.ToJsonString()));

        Assert.Contains("'chatDurationInMinutes'", message, StringComparison.Ordinal);
    }

    private static string Message(string contentType, string content) =>
        Minimal().With("InitialMessage", new JsonObject { ["ContentType"] = contentType, ["Content"] = content }).ToJsonString();

    private static string ContentTypes(params string[] types) =>
        Minimal().With("SupportedMessagingContentTypes", new JsonArray([.. types.Select(t => (JsonNode)t)])).ToJsonString();

    private static JsonObject Persisted(string type, string source) =>
        new() { ["RehydrationType"] = type, ["SourceContactId"] = source };

    private static string Segments(JsonObject map) => Minimal().With("SegmentAttributes", map).ToJsonString();

    private static JsonObject Value(string member, JsonNode? value) => new() { [member] = value };

    private static string GuideWith(params string[] types) =>
        Minimal()
            .With("SupportedMessagingContentTypes", new JsonArray([.. types.Select(t => (JsonNode)t)]))
            .With("SegmentAttributes", new JsonObject { ["connect:Subtype"] = Value("ValueString", "connect:Guide") })
            .ToJsonString();
}
