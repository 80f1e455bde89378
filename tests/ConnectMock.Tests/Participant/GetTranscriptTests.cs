using System.Net;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConnectMock.Tests.Participant;

public sealed class GetTranscriptTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    /// <summary>A chat whose transcript is: customer joined, then messages m1..m6.</summary>
    private async Task<ChatDriver> ChatWithSixMessagesAsync()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        for (var i = 1; i <= 6; i++)
        {
            await chat.SendMessageAsync($"m{i}");
            App.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        return chat;
    }

    private static List<string?> Contents(IEnumerable<System.Text.Json.JsonElement> items) =>
        [.. items.Select(i => i.TryGetProperty("Content", out var c) ? c.GetString() : "joined")];

    /// <summary>
    /// GetTranscript's documentation lists what a transcript keeps besides messages and attachments: participant.invited,
    /// participant.joined, participant.left, chat.ended, transfer.succeeded and transfer.failed. Everything else a chat
    /// pushes on its sockets (typing, receipts as MESSAGEMETADATA items, connection.acknowledged, events of any other
    /// type) is delivered there and not kept, in GetTranscript as in the control plane's transcript.
    /// </summary>
    [Fact]
    public async Task Transcript_KeepsExactlyTheItemTypesGetTranscriptDocuments()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();
        var message = await chat.SendMessageAsync("hello");
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent", """{"displayName":"Alex"}""");
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/events", """{"contentType":"typing"}""");
        await Client.ControlAsync(HttpMethod.Post, $"/contacts/{chat.ContactId}/agent/events", $$"""{"contentType":"read","messageId":"{{message}}"}""");
        foreach (var type in new[] { "typing", "connection.acknowledged", "participant.idle" })
        {
            var sent = await chat.CallAsync("/participant/event", $$"""{"ContentType":"application/vnd.amazonaws.connect.event.{{type}}"}""");
            Assert.True(sent.Status == HttpStatusCode.OK, sent.Body);
        }

        var pushed = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var item = await socket.NextItemAsync();
            pushed.Add($"{item.GetProperty("Type").GetString()} {item.GetProperty("ContentType").GetString()}");
        }

        var transcript = (await chat.TranscriptAsync()).Select(Describe).ToList();
        await chat.CallAsync("/participant/disconnect", "{}");
        var controlPlane = (await Client.ControlTranscriptAsync(chat.ContactId)).Select(Describe).ToList();

        const string events = "application/vnd.amazonaws.connect.event.";
        Assert.Equal(
        [
            "MESSAGE text/plain",
            $"EVENT {events}participant.joined",
            $"EVENT {events}typing",
            $"MESSAGEMETADATA {events}message.metadata",
            $"EVENT {events}typing",
            $"EVENT {events}connection.acknowledged",
            $"EVENT {events}participant.idle",
        ], pushed);
        Assert.Equal([$"EVENT {events}participant.joined", "MESSAGE text/plain", $"EVENT {events}participant.joined"], transcript);
        Assert.Equal([.. transcript, $"EVENT {events}participant.left", $"EVENT {events}chat.ended"], controlPlane);
    }

    private static string Describe(System.Text.Json.JsonElement item) =>
        $"{item.GetProperty("Type").GetString()} {item.GetProperty("ContentType").GetString()}";

    [Fact]
    public async Task GetTranscript_AsChatjsAsks_IsTheLatestItemsOldestFirst()
    {
        var chat = await ChatWithSixMessagesAsync();

        var response = await chat.CallAsync("/participant/transcript", """{"MaxResults":3,"ScanDirection":"BACKWARD","SortOrder":"ASCENDING","StartPosition":{}}""");

        Assert.Equal(["InitialContactId", "Transcript", "NextToken"], response.MemberNames);
        Assert.Equal(chat.ContactId, response.Json.GetProperty("InitialContactId").GetString());
        Assert.Equal(["m4", "m5", "m6"], Contents(response.Json.GetProperty("Transcript").EnumerateArray()));
    }

    [Fact]
    public async Task GetTranscript_Defaults_AreTenItemsBackwardNewestFirst()
    {
        var chat = await ChatWithSixMessagesAsync();

        var response = await chat.CallAsync("/participant/transcript", "{}");

        Assert.Equal(["m6", "m5", "m4", "m3", "m2", "m1", "joined"], Contents(response.Json.GetProperty("Transcript").EnumerateArray()));
        Assert.False(response.Json.TryGetProperty("NextToken", out _));
    }

    [Theory]
    [InlineData("BACKWARD", "ASCENDING", "m4,m5,m6|m1,m2,m3|joined")]
    [InlineData("BACKWARD", "DESCENDING", "m6,m5,m4|m3,m2,m1|joined")]
    [InlineData("FORWARD", "ASCENDING", "joined,m1,m2|m3,m4,m5|m6")]
    [InlineData("FORWARD", "DESCENDING", "m2,m1,joined|m5,m4,m3|m6")]
    public async Task GetTranscript_PagesWithNextTokenInTheScanDirection(string scan, string sort, string expected)
    {
        var chat = await ChatWithSixMessagesAsync();

        var pages = new List<string>();
        string? next = null;
        do
        {
            var token = next is null ? "" : $",\"NextToken\":\"{next}\"";
            var page = (await chat.CallAsync("/participant/transcript", $$"""{"MaxResults":3,"ScanDirection":"{{scan}}","SortOrder":"{{sort}}"{{token}}}""")).Json;
            pages.Add(string.Join(',', Contents(page.GetProperty("Transcript").EnumerateArray())));
            next = page.TryGetProperty("NextToken", out var n) ? n.GetString() : null;
        }
        while (next is not null);

        Assert.Equal(expected, string.Join('|', pages));
    }

    [Fact]
    public async Task GetTranscript_FromAStartPositionId_ScansForwardByDefault()
    {
        var chat = await ChatWithSixMessagesAsync();
        var m3 = (await chat.TranscriptAsync()).Single(i => i.TryGetProperty("Content", out var c) && c.GetString() == "m3").GetProperty("Id").GetString();

        var response = await chat.CallAsync("/participant/transcript", $$"""{"MaxResults":2,"SortOrder":"ASCENDING","StartPosition":{"Id":"{{m3}}"} }""");

        Assert.Equal(["m3", "m4"], Contents(response.Json.GetProperty("Transcript").EnumerateArray()));
    }

    [Fact]
    public async Task GetTranscript_FromMostRecentOrAbsoluteTime_StartsThere()
    {
        var chat = await ChatWithSixMessagesAsync();
        var m2Time = (await chat.TranscriptAsync()).Single(i => i.TryGetProperty("Content", out var c) && c.GetString() == "m2").GetProperty("AbsoluteTime").GetString();

        var mostRecent = await chat.CallAsync("/participant/transcript", """{"MaxResults":10,"SortOrder":"ASCENDING","StartPosition":{"MostRecent":1}}""");
        var byTime = await chat.CallAsync("/participant/transcript", $$"""{"MaxResults":2,"SortOrder":"ASCENDING","StartPosition":{"AbsoluteTime":"{{m2Time}}"} }""");

        Assert.Equal(["m5", "m6"], Contents(mostRecent.Json.GetProperty("Transcript").EnumerateArray()));
        Assert.Equal(["m2", "m3"], Contents(byTime.Json.GetProperty("Transcript").EnumerateArray()));
    }

    [Theory]
    [InlineData("""{"MaxResults":101}""", "Member must have value less than or equal to 100")]
    [InlineData("""{"ScanDirection":"SIDEWAYS"}""", "Member must satisfy enum value set: [FORWARD, BACKWARD]")]
    [InlineData("""{"NextToken":"made-up"}""", "NextToken is not one that GetTranscript returned for this chat and scan direction.")]
    [InlineData("""{"StartPosition":{"Id":"nope"}}""", "StartPosition.Id 'nope' is not an item of this chat.")]
    [InlineData("""{"StartPosition":{"AbsoluteTime":"yesterday"}}""", "StartPosition.AbsoluteTime must be an ISO-8601 time")]
    public async Task GetTranscript_Invalid_IsAValidationException(string body, string message)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        Assert.Contains(message, AwsAssert.Error(await chat.CallAsync("/participant/transcript", body), HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTranscript_OfAnotherContact_IsAccessDenied()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/transcript", $$"""{"ContactId":"{{Guid.NewGuid()}}"}""");

        AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Theory]
    [InlineData("F9223372036854775807")]
    [InlineData("F-1")]
    [InlineData("F0")]
    [InlineData("B9223372036854775807")]
    [InlineData("F3")]
    public async Task GetTranscript_ForgedNextToken_IsAValidationException(string forged)
    {
        var chat = await ChatWithSixMessagesAsync();
        var token = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(forged));
        var scan = forged[0] == 'F' ? "FORWARD" : "BACKWARD";

        var response = await chat.CallAsync("/participant/transcript", $$"""{"ScanDirection":"{{scan}}","NextToken":"{{token}}"}""");

        Assert.Contains("NextToken", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTranscript_NextTokenOfAnotherChat_IsAValidationException()
    {
        var theirs = await ChatWithSixMessagesAsync();
        var mine = await ChatWithSixMessagesAsync();
        var token = (await theirs.CallAsync("/participant/transcript", """{"MaxResults":2}""")).Json.GetProperty("NextToken").GetString();

        var response = await mine.CallAsync("/participant/transcript", $$"""{"MaxResults":2,"NextToken":"{{token}}"}""");

        Assert.Contains("NextToken", AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }
}
