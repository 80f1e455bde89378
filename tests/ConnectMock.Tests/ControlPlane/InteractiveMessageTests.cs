using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;
using static ConnectMock.Tests.ControlPlane.InteractiveTemplateSamples;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>The simulated agent's interactive messages: templates checked as Connect documents them, only to chats that declared them.</summary>
public sealed class InteractiveMessageTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Theory]
    [MemberData(nameof(All), MemberType = typeof(InteractiveTemplateSamples))]
    public async Task Agent_SendsEachDocumentedTemplate_TheCustomerReceivesItAsAnInteractiveMessage(string templateType, string template)
    {
        var chat = await InteractiveChatAsync();
        await using var socket = await chat.OpenSocketAsync();

        var said = await AgentSaysAsync(chat, template);

        Assert.True(said.Status == HttpStatusCode.Created, said.Body);
        var item = await socket.NextItemAsync();
        Assert.Equal("MESSAGE", item.GetProperty("Type").GetString());
        Assert.Equal(Interactive, item.GetProperty("ContentType").GetString());
        Assert.Equal("AGENT", item.GetProperty("ParticipantRole").GetString());
        Assert.Equal(template, item.GetProperty("Content").GetString());
        Assert.Equal(templateType, JsonDocument.Parse(item.GetProperty("Content").GetString()!).RootElement.GetProperty("templateType").GetString());
        Assert.Equal(said.Json.GetProperty("id").GetString(), item.GetProperty("Id").GetString());
        var inTranscript = (await chat.TranscriptAsync()).Single(i => i.GetProperty("Id").GetString() == item.GetProperty("Id").GetString());
        Assert.Equal(template, inTranscript.GetProperty("Content").GetString());
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not json", "it is not JSON" },
        { "[1,2]", "the message must be a JSON object." },
        { """{"version":"1.0","data":{}}""", "templateType is required." },
        { """{"templateType":"Form","version":"1.0","data":{}}""", "templateType 'Form' is not one of ListPicker, TimePicker, Panel, QuickReply, Carousel, ViewResource." },
        { """{"templateType":"ListPicker","data":{}}""", "version is required." },
        { """{"templateType":"ListPicker","version":"2.0","data":{}}""", "version must be \"1.0\"; it is \"2.0\"." },
        { """{"templateType":"ListPicker","version":"1.0"}""", "data is required." },
        { """{"templateType":"ListPicker","version":"1.0","data":"x"}""", "data must be a JSON object." },
        { """{"templateType":"ListPicker","version":"1.0","data":{}}""", "data.content is required." },
        { ListPickerWith("""{"elements":[{"title":"A"}]}"""), "data.content.title is required." },
        { ListPickerWith("""{"title":"","elements":[{"title":"A"}]}"""), "data.content.title must be a non-empty string." },
        { ListPickerWith("""{"title":7,"elements":[{"title":"A"}]}"""), "data.content.title must be a non-empty string." },
        { ListPickerWith("""{"title":"Pick","subtitle":5,"elements":[{"title":"A"}]}"""), "data.content.subtitle must be a string." },
        { ListPickerWith("""{"title":"Pick","imageType":"BASE64","elements":[{"title":"A"}]}"""), "data.content.imageType must be \"URL\"; it is \"BASE64\"." },
        { ListPickerWith("""{"title":"Pick"}"""), "data.content.elements is required." },
        { ListPickerWith("""{"title":"Pick","elements":{"title":"A"}}"""), "data.content.elements must be an array." },
        { ListPickerWith("""{"title":"Pick","elements":[]}"""), "data.content.elements has 0 items; a ListPicker has 1 to 6." },
        { ListPickerWith($$"""{"title":"Pick","elements":{{Titles(7)}}}"""), "data.content.elements has 7 items; a ListPicker has 1 to 6." },
        { ListPickerWith("""{"title":"Pick","elements":[{"title":"A"},{"subtitle":"no title"}]}"""), "data.content.elements[1].title is required." },
        { ListPickerWith("""{"title":"Pick","elements":["A"]}"""), "data.content.elements[0] must be a JSON object." },
        { """{"templateType":"ListPicker","version":"1.0","data":{"replyMessage":{"subtitle":"x"},"content":{"title":"Pick","elements":[{"title":"A"}]}}}""", "data.replyMessage.title is required." },
        { Wrap("Panel", """{"title":"Pick","elements":""" + Titles(11) + "}"), "data.content.elements has 11 items; a Panel has 1 to 10." },
        { """{"templateType":"QuickReply","version":"1.0","data":{"content":{"title":"Pick","elements":[{"title":"Only one"}]}}}""", "data.content.elements has 1 items; a QuickReply has 2 to 5." },
        { Wrap("QuickReply", """{"title":"Pick","elements":""" + Titles(6) + "}"), "data.content.elements has 6 items; a QuickReply has 2 to 5." },
        { """{"templateType":"QuickReply","version":"1.0","data":{"content":{"elements":[{"title":"A"},{"title":"B"}]}}}""", "data.content.title is required." },
        { TimePickerWith("""{"title":"When?"}"""), "data.content.timeslots is required." },
        { TimePickerWith($$"""{"title":"When?","timeslots":{{Slots(21)}}}"""), "data.content.timeslots has 21 items; a TimePicker has 1 to 20." },
        { TimePickerWith("""{"title":"When?","timeslots":[{"date":"next tuesday","duration":60}]}"""), "data.content.timeslots[0].date must be an ISO 8601 date and time" },
        { TimePickerWith("""{"title":"When?","timeslots":[{"date":"2026-10-31T17:00+00:00"}]}"""), "data.content.timeslots[0].duration is required." },
        { TimePickerWith("""{"title":"When?","timeslots":[{"date":"2026-10-31T17:00+00:00","duration":0}]}"""), "data.content.timeslots[0].duration must be a number from 1 to" },
        { TimePickerWith("""{"title":"When?","timeZoneOffset":"+2","timeslots":[{"date":"2026-10-31T17:00+00:00","duration":60}]}"""), "data.content.timeZoneOffset must be a whole number of minutes." },
        { TimePickerWith("""{"title":"When?","location":{"latitude":1,"longitude":2},"timeslots":[{"date":"2026-10-31T17:00+00:00","duration":60}]}"""), "data.content.location.title is required." },
        { TimePickerWith("""{"title":"When?","location":{"latitude":100,"longitude":2,"title":"X"},"timeslots":[{"date":"2026-10-31T17:00+00:00","duration":60}]}"""), "data.content.location.latitude must be a number from -90 to 90." },
        { CarouselWith($$"""[{{string.Join(",", Enumerable.Repeat(NestedListPicker, 6))}}]"""), "data.content.elements has 6 items; a Carousel has 1 to 5." },
        { CarouselWith("""[{"templateType":"QuickReply","version":"1.0","data":{"content":{"title":"Q","elements":[{"title":"A"},{"title":"B"}]}}}]"""), "data.content.elements[0].templateType 'QuickReply' is not one of ListPicker, Panel." },
        { CarouselWith("""[{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Pick"}}}]"""), "data.content.elements[0].data.content.elements is required." },
        { """{"templateType":"ViewResource","version":"1.0","data":{"content":{"viewToken":"t"}}}""", "data.content.viewId is required." },
        { Wrap("ViewResource", """{"viewId":"detail","viewToken":""" + "\"" + new string('t', 1001) + "\"}"), "data.content.viewToken must be a string of 1 to 1000 characters" },
        { """{"templateType":"ViewResource","version":"1.0","data":{"content":{"viewId":"detail","viewData":3}}}""", "data.content.viewData must be an object" },
        { ListPickerWith($$"""{"title":"{{new string('a', 20_480)}}","elements":[{"title":"A"}]}"""), "an interactive message must be less than 20 KB (20480 bytes)." },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Agent_SendsAMalformedTemplate_400NamingTheMember_NothingReachesTheChat(string template, string expected)
    {
        var chat = await InteractiveChatAsync();
        var before = (await chat.TranscriptAsync()).Count;

        var said = await AgentSaysAsync(chat, template);

        Assert.Equal(HttpStatusCode.BadRequest, said.Status);
        var error = said.Json.GetProperty("error").GetString()!;
        Assert.StartsWith("The interactive message is not a valid template: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(before, (await chat.TranscriptAsync()).Count);
    }

    [Fact]
    public async Task Agent_TitlesLongerThanTheWidgetShows_AreSent_AsConnectLeavesFieldLimitsToTheClient()
    {
        var chat = await InteractiveChatAsync();
        var template = ListPickerWith($$"""{"title":"{{new string('t', 2000)}}","elements":[{"title":"{{new string('e', 2000)}}"}]}""");

        Assert.Equal(HttpStatusCode.Created, (await AgentSaysAsync(chat, template)).Status);
    }

    [Fact]
    public async Task Agent_InteractiveToAChatThatDidNotDeclareIt_400SayingSo()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", "{}");

        var said = await AgentSaysAsync(chat, ListPicker);

        Assert.Equal(HttpStatusCode.BadRequest, said.Status);
        Assert.Equal(
            "This chat cannot receive application/vnd.amazonaws.connect.message.interactive: its StartChatContact did not declare it in " +
            "SupportedMessagingContentTypes (it declared [text/plain]).",
            said.Json.GetProperty("error").GetString());
        Assert.DoesNotContain(await chat.TranscriptAsync(), i => i.TryGetProperty("ContentType", out var t) && t.GetString() == Interactive);
    }

    [Fact]
    public async Task Customer_AnswersWithAnInteractiveResponse_TheAgentSideSeesIt()
    {
        var chat = await InteractiveChatAsync();
        await AgentSaysAsync(chat, ListPicker);
        var answer = """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"What produce would you like to buy?","elements":[{"title":"Apple"}]}}}""";

        var id = await chat.SendMessageAsync(answer, InteractiveResponse);

        var seen = (await Client.ControlTranscriptAsync(chat.ContactId)).Single(i => i.GetProperty("Id").GetString() == id);
        Assert.Equal(InteractiveResponse, seen.GetProperty("ContentType").GetString());
        Assert.Equal("CUSTOMER", seen.GetProperty("ParticipantRole").GetString());
        Assert.Equal(answer, seen.GetProperty("Content").GetString());
    }

    [Fact]
    public async Task Customer_InteractiveResponse_UpTo12288Characters_OneMoreIsAValidationException()
    {
        var chat = await InteractiveChatAsync();
        string Answer(int length) => JsonSerializer.Serialize(new { templateType = "ListPicker", version = "1.0", data = new { text = "" } })
            .Replace("\"\"", "\"" + new string('x', length - 64) + "\"", StringComparison.Ordinal);
        Assert.Equal(12_288, Answer(12_288).Length);

        await chat.SendMessageAsync(Answer(12_288), InteractiveResponse);
        var tooLong = await chat.CallAsync("/participant/message",
            JsonSerializer.Serialize(new { ContentType = InteractiveResponse, Content = Answer(12_289) }));

        AwsAssert.Error(tooLong, HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task Customer_CannotSendAnInteractiveMessage_OnlyAResponse()
    {
        var chat = await InteractiveChatAsync();

        var sent = await chat.CallAsync("/participant/message", JsonSerializer.Serialize(new { ContentType = Interactive, Content = ListPicker }));

        AwsAssert.Error(sent, HttpStatusCode.BadRequest, "ValidationException");
    }

    private async Task<ChatDriver> InteractiveChatAsync()
    {
        var chat = await (await NewChat().StartAsync(InteractiveRequest())).ConnectAsync();
        var joined = await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex (Agent)"}""");
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        return chat;
    }

    internal static JsonObject InteractiveRequest()
    {
        var body = Requests.Minimal();
        body["SupportedMessagingContentTypes"] = new JsonArray("text/plain", Interactive, InteractiveResponse);
        return body;
    }

    private Task<WireResponse> AgentSaysAsync(ChatDriver chat, string template) =>
        Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/messages",
            JsonSerializer.Serialize(new { content = template, contentType = Interactive }));

    private const string NestedListPicker = """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"Pick","elements":[{"title":"A"}]}}}""";

    private static string Wrap(string templateType, string content) =>
        "{\"templateType\":\"" + templateType + "\",\"version\":\"1.0\",\"data\":{\"content\":" + content + "}}";

    private static string ListPickerWith(string content) => Wrap("ListPicker", content);

    private static string TimePickerWith(string content) => Wrap("TimePicker", content);

    private static string CarouselWith(string elements) =>
        Wrap("Carousel", """{"title":"Choose","elements":""" + elements + "}");

    private static string Titles(int count) => JsonSerializer.Serialize(Enumerable.Range(1, count).Select(i => new { title = $"Option {i}" }));

    private static string Slots(int count) =>
        JsonSerializer.Serialize(Enumerable.Range(1, count).Select(i => new { date = $"2026-10-{i:00}T17:00+00:00", duration = 30 }));
}
