using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;
using static ConnectMock.Tests.ControlPlane.InteractiveTemplateSamples;

namespace ConnectMock.Tests.ControlPlane;

public sealed class InteractiveBotFactory : ConnectMockFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Chat:Bot:Enabled", "true"),
        new("ConnectMock:Chat:Bot:DelayMs", "0"),
        new("ConnectMock:Chat:Bot:Greeting", ""),
        new("ConnectMock:Chat:Bot:Templates:menu", ListPicker),
    ];
}

/// <summary>The scripted bot answers a keyword with its interactive template: configured, or set through the control plane.</summary>
public sealed class InteractiveBotTests(InteractiveBotFactory app) : ConnectMockTest<InteractiveBotFactory>(app)
{
    [Fact]
    public async Task Bot_ConfiguredKeyword_AnswersWithItsTemplate_AsAnInteractiveMessageOnTheSocket()
    {
        var chat = await (await NewChat().StartAsync(InteractiveMessageTests.InteractiveRequest())).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("  Menu ");
        await socket.NextItemAsync();
        var answer = await socket.NextItemAsync();

        Assert.Equal("MESSAGE", answer.GetProperty("Type").GetString());
        Assert.Equal(Interactive, answer.GetProperty("ContentType").GetString());
        Assert.Equal("SYSTEM", answer.GetProperty("ParticipantRole").GetString());
        Assert.Equal(ListPicker, answer.GetProperty("Content").GetString());
    }

    [Fact]
    public async Task Bot_KeywordInAChatWithoutInteractive_GetsItsUsualReply()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("menu");
        await socket.NextItemAsync();
        var answer = await socket.NextItemAsync();

        Assert.Equal("text/plain", answer.GetProperty("ContentType").GetString());
        Assert.Equal("You said: menu", answer.GetProperty("Content").GetString());
    }

    [Fact]
    public async Task Bot_TemplateSetAtRunTime_AnswersItsKeyword_ListedRemovedAndResetToTheConfiguredOnes()
    {
        var put = await Client.ControlAsync(HttpMethod.Put, "/bot/templates/book", TimePicker);
        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        var chat = await (await NewChat().StartAsync(InteractiveMessageTests.InteractiveRequest())).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await chat.SendMessageAsync("BOOK");
        await socket.NextItemAsync();
        var answer = await socket.NextItemAsync();

        Assert.Equal(Interactive, answer.GetProperty("ContentType").GetString());
        Assert.Equal("TimePicker", JsonDocument.Parse(answer.GetProperty("Content").GetString()!).RootElement.GetProperty("templateType").GetString());
        var listed = (await Client.ControlAsync(HttpMethod.Get, "/bot/templates")).Json.GetProperty("templates");
        Assert.Equal(["book", "menu"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ListPicker", listed.GetProperty("menu").GetProperty("templateType").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await Client.ControlAsync(HttpMethod.Delete, "/bot/templates/book")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.ControlAsync(HttpMethod.Delete, "/bot/templates/book")).Status);
        await Client.ControlAsync(HttpMethod.Delete, "/bot/templates/menu");
        await Client.ControlAsync(HttpMethod.Post, "/reset");
        Assert.Equal(["menu"], (await Client.ControlAsync(HttpMethod.Get, "/bot/templates")).Json.GetProperty("templates").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Bot_MalformedTemplateSetAtRunTime_400NamingTheKeywordAndMember()
    {
        var put = await Client.ControlAsync(HttpMethod.Put, "/bot/templates/broken",
            """{"templateType":"Panel","version":"1.0","data":{"content":{"title":"Pick","elements":[{"subtitle":"no title"}]}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("The template of keyword 'broken' is not valid: data.content.elements[0].title is required.", put.Json.GetProperty("error").GetString());
        Assert.False((await Client.ControlAsync(HttpMethod.Get, "/bot/templates")).Json.GetProperty("templates").TryGetProperty("broken", out _));
    }
}
