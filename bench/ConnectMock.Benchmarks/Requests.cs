using System.Text;
using ConnectMock.Connect;
using ConnectMock.Contacts;

namespace ConnectMock.Benchmarks;

/// <summary>The request the load benchmark sends (bench/wrk/startchat.lua), as JSON and as the bound object.</summary>
internal static class Requests
{
    public static string Json(string clientToken) =>
        "{\"InstanceId\":\"11111111-2222-3333-4444-555555555555\","
        + "\"ContactFlowId\":\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\","
        + "\"ParticipantDetails\":{\"DisplayName\":\"Jane Doe\"},"
        + "\"Attributes\":{\"orderId\":\"ORD-1001\",\"customer_tier\":\"gold\",\"channel\":\"web-widget\"},"
        + "\"InitialMessage\":{\"ContentType\":\"text/plain\",\"Content\":\"Hello, I need help with my order, it has not arrived yet.\"},"
        + "\"ClientToken\":\"" + clientToken + "\","
        + "\"ChatDurationInMinutes\":60,\"SupportedMessagingContentTypes\":[\"text/plain\",\"text/markdown\"]}";

    public static byte[] Utf8(string clientToken) => Encoding.UTF8.GetBytes(Json(clientToken));

    public static StartChatContactRequest Typical(string clientToken) => new()
    {
        InstanceId = "11111111-2222-3333-4444-555555555555",
        ContactFlowId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
        ParticipantDetails = new ParticipantDetails { DisplayName = "Jane Doe" },
        Attributes = new() { ["orderId"] = "ORD-1001", ["customer_tier"] = "gold", ["channel"] = "web-widget" },
        InitialMessage = new ChatMessage { ContentType = ChatContentTypes.Plain, Content = "Hello, I need help with my order, it has not arrived yet." },
        ClientToken = clientToken,
        ChatDurationInMinutes = 60,
        SupportedMessagingContentTypes = [ChatContentTypes.Plain, ChatContentTypes.Markdown],
    };
}
