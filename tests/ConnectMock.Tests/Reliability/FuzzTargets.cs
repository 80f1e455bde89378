using System.Text.Json.Nodes;

namespace ConnectMock.Tests.Reliability;

/// <summary>A chat the fuzz's calls aim at: a started contact with a connected customer.</summary>
internal sealed record FuzzChat(string InstanceId, string ContactId, string ParticipantToken, string ConnectionToken);

/// <summary>Which X-Amz-Bearer token an operation takes.</summary>
internal enum FuzzBearer
{
    None,
    Participant,
    Connection,
}

/// <summary>One AWS operation as the fuzz calls it: its route, and a valid body and labels to start mutating from.</summary>
internal sealed record FuzzTarget(
    string Operation, HttpMethod Method, Func<FuzzChat, string[], string> Path, Func<FuzzChat, string[]> Labels,
    Func<FuzzChat, JsonObject>? Body, FuzzBearer Bearer)
{
    /// <summary>Every operation ConnectMock maps for Amazon Connect and the Connect Participant Service.</summary>
    public static readonly FuzzTarget[] All =
    [
        new("StartChatContact", HttpMethod.Put, (_, _) => "/contact/chat", NoLabels, _ => Infrastructure.Requests.Full(), FuzzBearer.None),
        new("StopContact", HttpMethod.Post, (_, _) => "/contact/stop", NoLabels,
            chat => new JsonObject { ["InstanceId"] = chat.InstanceId, ["ContactId"] = chat.ContactId }, FuzzBearer.None),
        new("DescribeContact", HttpMethod.Get, (_, labels) => $"/contacts/{labels[0]}/{labels[1]}",
            chat => [chat.InstanceId, chat.ContactId], null, FuzzBearer.None),
        new("GetContactAttributes", HttpMethod.Get, (_, labels) => $"/contact/attributes/{labels[0]}/{labels[1]}",
            chat => [chat.InstanceId, chat.ContactId], null, FuzzBearer.None),
        new("UpdateContactAttributes", HttpMethod.Post, (_, _) => "/contact/attributes", NoLabels,
            chat => new JsonObject
            {
                ["InstanceId"] = chat.InstanceId,
                ["InitialContactId"] = chat.ContactId,
                ["Attributes"] = new JsonObject { ["orderStatus"] = "shipped", ["tier"] = "gold" },
            },
            FuzzBearer.None),
        new("CreateParticipant", HttpMethod.Post, (_, _) => "/contact/create-participant", NoLabels,
            chat => new JsonObject
            {
                ["InstanceId"] = chat.InstanceId,
                ["ContactId"] = chat.ContactId,
                ["ClientToken"] = Guid.NewGuid().ToString(),
                ["ParticipantDetails"] = new JsonObject { ["ParticipantRole"] = "CUSTOM_BOT", ["DisplayName"] = "Order bot" },
            },
            FuzzBearer.None),
        new("CreatePersistentContactAssociation", HttpMethod.Post,
            (_, labels) => $"/contact/persistent-contact-association/{labels[0]}/{labels[1]}",
            chat => [chat.InstanceId, chat.ContactId],
            chat => new JsonObject
            {
                ["RehydrationType"] = "ENTIRE_PAST_SESSION",
                ["SourceContactId"] = chat.ContactId,
                ["ClientToken"] = Guid.NewGuid().ToString(),
            },
            FuzzBearer.None),
        new("UpdateParticipantRoleConfig", HttpMethod.Put,
            (_, labels) => $"/contact/participant-role-config/{labels[0]}/{labels[1]}",
            chat => [chat.InstanceId, chat.ContactId],
            _ => new JsonObject
            {
                ["ChannelConfiguration"] = new JsonObject
                {
                    ["Chat"] = new JsonObject
                    {
                        ["ParticipantTimerConfigList"] = new JsonArray(
                            new JsonObject
                            {
                                ["ParticipantRole"] = "CUSTOMER",
                                ["TimerType"] = "IDLE",
                                ["TimerValue"] = new JsonObject { ["ParticipantTimerDurationInMinutes"] = 5 },
                            },
                            new JsonObject
                            {
                                ["ParticipantRole"] = "AGENT",
                                ["TimerType"] = "DISCONNECT_NONCUSTOMER",
                                ["TimerValue"] = new JsonObject { ["ParticipantTimerAction"] = "Unset" },
                            }),
                    },
                },
            },
            FuzzBearer.None),
        new("CreateParticipantConnection", HttpMethod.Post, (_, _) => "/participant/connection", NoLabels,
            _ => new JsonObject { ["Type"] = new JsonArray("WEBSOCKET", "CONNECTION_CREDENTIALS"), ["ConnectParticipant"] = true },
            FuzzBearer.Participant),
        new("SendMessage", HttpMethod.Post, (_, _) => "/participant/message", NoLabels,
            _ => new JsonObject { ["ContentType"] = "text/plain", ["Content"] = "Hello!", ["ClientToken"] = Guid.NewGuid().ToString() },
            FuzzBearer.Connection),
        new("SendEvent", HttpMethod.Post, (_, _) => "/participant/event", NoLabels,
            _ => new JsonObject
            {
                ["ContentType"] = "application/vnd.amazonaws.connect.event.typing",
                ["Content"] = "{}",
                ["ClientToken"] = Guid.NewGuid().ToString(),
            },
            FuzzBearer.Connection),
        new("GetTranscript", HttpMethod.Post, (_, _) => "/participant/transcript", NoLabels,
            chat => new JsonObject
            {
                ["ContactId"] = chat.ContactId,
                ["MaxResults"] = 15,
                ["ScanDirection"] = "BACKWARD",
                ["SortOrder"] = "ASCENDING",
                ["StartPosition"] = new JsonObject { ["MostRecent"] = 0 },
            },
            FuzzBearer.Connection),
        new("DisconnectParticipant", HttpMethod.Post, (_, _) => "/participant/disconnect", NoLabels,
            _ => new JsonObject { ["ClientToken"] = Guid.NewGuid().ToString() }, FuzzBearer.Connection),
        new("StartAttachmentUpload", HttpMethod.Post, (_, _) => "/participant/start-attachment-upload", NoLabels,
            _ => new JsonObject
            {
                ["ContentType"] = "image/png",
                ["AttachmentSizeInBytes"] = 1024,
                ["AttachmentName"] = "receipt.png",
                ["ClientToken"] = Guid.NewGuid().ToString(),
            },
            FuzzBearer.Connection),
        new("CompleteAttachmentUpload", HttpMethod.Post, (_, _) => "/participant/complete-attachment-upload", NoLabels,
            _ => new JsonObject { ["AttachmentIds"] = new JsonArray(Guid.NewGuid().ToString()), ["ClientToken"] = Guid.NewGuid().ToString() },
            FuzzBearer.Connection),
        new("GetAttachment", HttpMethod.Post, (_, _) => "/participant/attachment", NoLabels,
            _ => new JsonObject { ["AttachmentId"] = Guid.NewGuid().ToString(), ["UrlExpiryInSeconds"] = 60 },
            FuzzBearer.Connection),
    ];

    private static string[] NoLabels(FuzzChat chat) => [];
}
