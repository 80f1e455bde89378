using System.Buffers;
using System.Net;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.Tests.Contacts;
using ConnectMock.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>Whatever a client sends, the control plane's reads of it answer 200 with JSON that shows it as it was.</summary>
public sealed class JournalEncodingTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string LoneSurrogateBody = """{"InstanceId":"\ud800"}""";

    [Fact]
    public async Task Journal_BodyWithALoneSurrogateEscape_StaysReadableAndIsShownAsSent()
    {
        var rejected = await Client.StartChatAsync(LoneSurrogateBody);

        var withBodies = await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true");
        var withoutBodies = await Client.ControlAsync(HttpMethod.Get, "/requests");

        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal(HttpStatusCode.OK, withBodies.Status);
        Assert.Equal(HttpStatusCode.OK, withoutBodies.Status);
        var entry = withBodies.Json.GetProperty("requests")[0];
        Assert.Equal(LoneSurrogateBody, entry.GetProperty("requestBodyText").GetString());
        Assert.False(entry.TryGetProperty("requestBody", out _));
        Assert.Equal(rejected.RequestId, withoutBodies.Json.GetProperty("requests")[0].GetProperty("requestId").GetString());
    }

    [Fact]
    public async Task Journal_BodyNestedAsDeepAsTheAwsRoutesRead_IsShownAsTextInAPageADefaultReaderCanRead()
    {
        // 64 levels, the AWS routes' own limit: embedded as JSON, the page would nest 67 deep.
        var body = new string('[', 64) + new string(']', 64);
        await Client.StartChatAsync(body);

        var response = await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(body, response.Json.GetProperty("requests")[0].GetProperty("requestBodyText").GetString());
    }

    [Fact]
    public async Task Journal_BodyThatIsNotUtf8_IsShownAsBase64()
    {
        byte[] body = [.. "{\"InstanceId\":\""u8, 0xFF, 0xFE, .. "\"}"u8];
        await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, "application/json"));

        var entry = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true")).Json.GetProperty("requests")[0];

        Assert.Equal(Convert.ToBase64String(body), entry.GetProperty("requestBodyBase64").GetString());
        Assert.False(entry.TryGetProperty("requestBodyText", out _));
    }

    [Fact]
    public async Task Journal_EntryWhoseStringsHoldLoneSurrogates_ShowsThemEscapedAsText()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "PUT";
        http.Request.Path = "/contact/chat\ud800";
        http.Response.StatusCode = 400;
        var call = new AwsCallInfo(Guid.NewGuid(), "StartChatContact", AwsService.Connect, 0)
        {
            ClientToken = "token\udc00",
            InstanceId = "\ud800instance",
        };
        call.KeepBody(new ReadOnlySequence<byte>("{}"u8.ToArray()), 100);
        App.Journal.Record(http, call, 1);

        var response = await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var entry = response.Json.GetProperty("requests")[0];
        Assert.Equal("token\\uDC00", entry.GetProperty("clientToken").GetString());
        Assert.Equal("\\uD800instance", entry.GetProperty("instanceId").GetString());
        Assert.Equal("/contact/chat\\uD800", entry.GetProperty("path").GetString());
    }

    [Fact]
    public async Task ControlPlaneReads_OfAContactWhoseStringsHoldLoneSurrogates_AnswerWithThemEscaped()
    {
        var contact = App.Services.GetRequiredService<ChatService>().StartChat(ChatRequests.Of("instance\ud800", "flow\udc00", "Jane\ud800") with { ClientToken = "token\ud800", Attributes = new Dictionary<string, string> { ["k\ud800"] = "v\udc00" }, InitialMessage = new ChatMessageContent("text/plain", "hello\ud800") });
        var id = contact.ContactId.ToString();

        var list = await Client.ControlAsync(HttpMethod.Get, "/contacts");
        var detail = await Client.ControlAsync(HttpMethod.Get, $"/contacts/{id}");
        var transcript = await Client.ControlAsync(HttpMethod.Get, $"/contacts/{id}/transcript");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal("instance\\uD800", list.Json.GetProperty("contacts")[0].GetProperty("instanceId").GetString());
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Equal("token\\uD800", detail.Json.GetProperty("clientToken").GetString());
        Assert.Equal("flow\\uDC00", detail.Json.GetProperty("contactFlowId").GetString());
        var request = detail.Json.GetProperty("request");
        Assert.Equal("Jane\\uD800", request.GetProperty("ParticipantDetails").GetProperty("DisplayName").GetString());
        Assert.Equal("v\\uDC00", request.GetProperty("Attributes").GetProperty("k\\uD800").GetString());
        Assert.Equal(HttpStatusCode.OK, transcript.Status);
        Assert.Contains(transcript.Json.GetProperty("Transcript").EnumerateArray(),
            item => item.TryGetProperty("Content", out var c) && c.GetString() == "hello\\uD800");
    }
}
