using System.Globalization;
using ConnectMock.Aws;
using ConnectMock.Contacts;

namespace ConnectMock.Participant;

// Wire shapes of the Connect Participant Service (2018-09-07). Member names are AWS's; timestamps are ISO-8601
// strings with milliseconds, fixed width, because chatjs orders items by comparing these strings.

/// <summary>The body of <c>POST /participant/connection</c>. Both members are optional; chatjs agents send only ConnectParticipant.</summary>
internal sealed class CreateParticipantConnectionRequest
{
    /// <summary><c>WEBSOCKET</c> and/or <c>CONNECTION_CREDENTIALS</c>.</summary>
    /// <example>["WEBSOCKET", "CONNECTION_CREDENTIALS"]</example>
    public List<string?>? Type { get; set; }

    public bool? ConnectParticipant { get; set; }

    public static ValueTask<CreateParticipantConnectionRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.CreateParticipantConnectionRequest);
}

internal sealed record CreateParticipantConnectionResponse(Websocket? Websocket, ConnectionCredentials? ConnectionCredentials);

/// <param name="Url">Where to open the WebSocket, within 100 seconds.</param>
/// <param name="ConnectionExpiry">When the URL stops working.</param>
internal sealed record Websocket(string Url, string ConnectionExpiry);

/// <param name="ConnectionToken">The X-Amz-Bearer of every other Participant Service call.</param>
/// <param name="Expiry">When the connection token stops working (a day).</param>
internal sealed record ConnectionCredentials(string ConnectionToken, string Expiry);

/// <summary>The body of <c>POST /participant/message</c>.</summary>
internal sealed class SendMessageRequest : IIdempotentRequest
{
    /// <example>text/plain</example>
    public string? ContentType { get; set; }

    /// <example>Hello, I need help with my order.</example>
    public string? Content { get; set; }

    public string? ClientToken { get; set; }

    public static ValueTask<SendMessageRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.SendMessageRequest);
}

internal sealed record SendMessageResponse(string Id, string AbsoluteTime);

/// <summary>The body of <c>POST /participant/event</c>.</summary>
internal sealed class SendEventRequest : IIdempotentRequest
{
    /// <example>application/vnd.amazonaws.connect.event.typing</example>
    public string? ContentType { get; set; }

    /// <summary>For receipts, JSON naming the message: <c>{"messageId":"..."}</c>.</summary>
    public string? Content { get; set; }

    /// <summary>Accepted and ignored: chatjs sends the same token with every receipt.</summary>
    public string? ClientToken { get; set; }

    public static ValueTask<SendEventRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.SendEventRequest);
}

internal sealed record SendEventResponse(string Id, string AbsoluteTime);

/// <summary>The body of <c>POST /participant/transcript</c>.</summary>
internal sealed class GetTranscriptRequest
{
    public string? ContactId { get; set; }

    /// <example>15</example>
    public int? MaxResults { get; set; }

    public string? NextToken { get; set; }

    /// <example>BACKWARD</example>
    public string? ScanDirection { get; set; }

    /// <example>ASCENDING</example>
    public string? SortOrder { get; set; }

    public StartPosition? StartPosition { get; set; }

    public static ValueTask<GetTranscriptRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.GetTranscriptRequest);
}

internal sealed class StartPosition
{
    public string? Id { get; set; }

    public string? AbsoluteTime { get; set; }

    public int? MostRecent { get; set; }

    /// <summary>chatjs always sends <c>"StartPosition":{}</c>, which means no start position.</summary>
    public bool IsEmpty => Id is null && AbsoluteTime is null && MostRecent is null;
}

internal sealed record GetTranscriptResponse(string InitialContactId, IReadOnlyList<Item> Transcript, string? NextToken);

/// <summary>The body of <c>POST /participant/disconnect</c>.</summary>
internal sealed class DisconnectParticipantRequest : IIdempotentRequest
{
    public string? ClientToken { get; set; }

    public static ValueTask<DisconnectParticipantRequest> BindAsync(HttpContext context) =>
        AwsJsonBody.ReadAsync(context, ParticipantJsonContext.Default.DisconnectParticipantRequest);
}

internal sealed record EmptyParticipantResponse;

/// <summary>A transcript item, as GetTranscript returns it and as the WebSocket delivers it.</summary>
internal sealed record Item(
    string AbsoluteTime,
    string? Content,
    string ContentType,
    string Id,
    string Type,
    string? ParticipantId,
    string? DisplayName,
    string? ParticipantRole,
    MessageMetadata? MessageMetadata,
    string InitialContactId,
    string ContactId)
{
    public static Item From(ChatItem item, Guid contactId)
    {
        var contact = contactId.ToString();
        return new Item(
            Time(item.AbsoluteTime),
            item.Content,
            item.ContentType,
            item.Id,
            item.Type,
            item.Participant?.Id.ToString(),
            item.Participant?.DisplayName,
            item.Participant?.Role,
            item.Receipts is { } receipts
                ? new MessageMetadata(receipts.MessageId, [.. receipts.Receipts.Select(r => new Receipt(
                    r.DeliveredAt is { } delivered ? Time(delivered) : null,
                    r.ReadAt is { } read ? Time(read) : null,
                    r.RecipientParticipantId.ToString()))])
                : null,
            contact,
            contact);
    }

    /// <summary>ISO-8601 in UTC with exactly three fractional digits, as the Participant Service writes it.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}

internal sealed record MessageMetadata(string MessageId, IReadOnlyList<Receipt> Receipts);

internal sealed record Receipt(string? DeliveredTimestamp, string? ReadTimestamp, string RecipientParticipantId);
