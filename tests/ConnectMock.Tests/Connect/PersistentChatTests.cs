using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

/// <summary>
/// Persistent chat as Amazon Connect documents it: StartChatContact's PersistentChat and
/// CreatePersistentContactAssociation continue an ENDED chat of the instance; the new chat's transcript starts with
/// the past items (RelatedContactId set, no ContactId); GetTranscript takes any contact of the chain; DescribeContact
/// names the source in RelatedContactId.
/// </summary>
public sealed class PersistentChatTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Rehydrated = "application/vnd.amazonaws.connect.event.chat.rehydrated";

    [Fact]
    public async Task StartChatContact_ActiveSource_IsInvalidRequestAndNotEchoed()
    {
        var active = await Client.StartContactAsync(Requests.Minimal());

        var response = await Client.StartChatAsync(Requests.Persistent(active).ToJsonString());

        var message = AwsAssert.InvalidRequest(response);
        Assert.Contains("Only chat sessions that have ended are allowed to rehydrate", message, StringComparison.Ordinal);
        Assert.False(response.Json.TryGetProperty("ContinuedFromContactId", out _));
    }

    [Theory]
    [InlineData("FROM_SEGMENT")]
    [InlineData("ENTIRE_PAST_SESSION")]
    public async Task StartChatContact_UnknownSource_IsResourceNotFound(string rehydrationType)
    {
        var body = Requests.Persistent(Guid.NewGuid().ToString());
        body["PersistentChat"]!["RehydrationType"] = rehydrationType;

        var response = await Client.StartChatAsync(body.ToJsonString());

        Assert.Equal("SourceContactId does not name a contact of this instance.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task StartChatContact_SourceOfAnotherInstance_IsResourceNotFound()
    {
        var other = "22222222-3333-4444-5555-666666666666";
        var source = await Client.StartContactAsync(Requests.Minimal().With("InstanceId", other));
        await StopAsync(source, other);

        var response = await Client.StartChatAsync(Requests.Persistent(source).ToJsonString());

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("FROM_SEGMENT")]
    [InlineData("ENTIRE_PAST_SESSION")]
    public async Task StartChatContact_EndedSource_ContinuesItAndShowsItsPastFirst(string rehydrationType)
    {
        var (source, said) = await EndedChatAsync("Where is my order?");
        var body = Requests.Persistent(source).With("InitialMessage", new System.Text.Json.Nodes.JsonObject { ["ContentType"] = "text/plain", ["Content"] = "I am back" });
        body["PersistentChat"]!["RehydrationType"] = rehydrationType;

        var started = await Client.StartChatAsync(body.ToJsonString());
        AwsAssert.Started(started, persistent: true);
        Assert.Equal(source, started.Json.GetProperty("ContinuedFromContactId").GetString());
        var chat = NewChat();
        await chat.StartAsync(body.With("ClientToken", "again"));
        await chat.ConnectAsync();
        var items = await chat.TranscriptAsync();

        // The past: joined, the message, left, chat.ended of the source, each on the contact it was sent on.
        var past = items.TakeWhile(i => i.TryGetProperty("RelatedContactId", out _)).ToList();
        Assert.Equal(
            ["participant.joined", "text/plain", "participant.left", "chat.ended"],
            past.Select(i => i.GetProperty("ContentType").GetString()!.Replace("application/vnd.amazonaws.connect.event.", "", StringComparison.Ordinal)));
        Assert.All(past, i =>
        {
            Assert.Equal(source, i.GetProperty("RelatedContactId").GetString());
            Assert.False(i.TryGetProperty("ContactId", out _));
            Assert.False(i.TryGetProperty("InitialContactId", out _));
        });
        Assert.Equal(said, past[1].GetProperty("Id").GetString());
        Assert.Equal("Where is my order?", past[1].GetProperty("Content").GetString());

        // Then the new chat's own items, on its own contact.
        var own = items.Skip(past.Count).ToList();
        Assert.Equal([Rehydrated, "application/vnd.amazonaws.connect.event.participant.joined", "text/plain"], own.Select(i => i.GetProperty("ContentType").GetString()));
        Assert.All(own, i =>
        {
            Assert.Equal(chat.ContactId, i.GetProperty("ContactId").GetString());
            Assert.Equal(chat.ContactId, i.GetProperty("InitialContactId").GetString());
            Assert.False(i.TryGetProperty("RelatedContactId", out _));
        });
        Assert.Equal("I am back", own[2].GetProperty("Content").GetString());
    }

    [Fact]
    public async Task GetTranscript_ContactIdOfThePastContact_GivesItsItemsOnly()
    {
        var (source, _) = await EndedChatAsync("from the past");
        var chat = await (await NewChat().StartAsync(Requests.Persistent(source))).ConnectAsync();
        await chat.SendMessageAsync("from now");

        var response = await chat.CallAsync("/participant/transcript", $$"""{"ContactId":"{{source}}","MaxResults":100,"SortOrder":"ASCENDING"}""");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(chat.ContactId, response.Json.GetProperty("InitialContactId").GetString());
        var items = response.Json.GetProperty("Transcript").EnumerateArray().ToList();
        Assert.Equal(4, items.Count);
        Assert.All(items, i => Assert.Equal(source, i.GetProperty("RelatedContactId").GetString()));
        Assert.Contains(items, i => i.TryGetProperty("Content", out var c) && c.GetString() == "from the past");
    }

    [Fact]
    public async Task GetTranscript_ContactIdOutsideTheChain_IsAccessDenied()
    {
        var (source, _) = await EndedChatAsync("from the past");
        var (stranger, _) = await EndedChatAsync("someone else's");
        var chat = await (await NewChat().StartAsync(Requests.Persistent(source))).ConnectAsync();

        var response = await chat.CallAsync("/participant/transcript", $$"""{"ContactId":"{{stranger}}"}""");

        AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Fact]
    public async Task PersistentChat_OfAPersistentChat_CarriesTheWholeChain()
    {
        var (first, _) = await EndedChatAsync("first visit");
        var second = await (await NewChat().StartAsync(Requests.Persistent(first))).ConnectAsync();
        await second.SendMessageAsync("second visit");
        await StopAsync(second.ContactId);

        var third = await (await NewChat().StartAsync(Requests.Persistent(second.ContactId))).ConnectAsync();
        var items = await third.TranscriptAsync();
        var fromFirst = await third.CallAsync("/participant/transcript", $$"""{"ContactId":"{{first}}","MaxResults":100}""");

        var messages = items.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").ToList();
        Assert.Equal(["first visit", "second visit"], messages.Select(m => m.GetProperty("Content").GetString()));
        Assert.Equal([first, second.ContactId], messages.Select(m => m.GetProperty("RelatedContactId").GetString()));
        Assert.Equal(HttpStatusCode.OK, fromFirst.Status);
        Assert.Contains(fromFirst.Json.GetProperty("Transcript").EnumerateArray(), i => i.TryGetProperty("Content", out var c) && c.GetString() == "first visit");
    }

    [Fact]
    public async Task DescribeContact_PersistentChat_NamesTheSourceInRelatedContactId()
    {
        var (source, _) = await EndedChatAsync("hello");
        var started = await Client.StartContactAsync(Requests.Persistent(source));

        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{started}")).Json.GetProperty("Contact");

        Assert.Equal(source, contact.GetProperty("RelatedContactId").GetString());
        Assert.False(contact.TryGetProperty("PreviousContactId", out _));
        Assert.Equal(started, contact.GetProperty("InitialContactId").GetString());
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_ActiveChat_PutsThePastBeforeItsOwnItems()
    {
        var (source, _) = await EndedChatAsync("from the past");
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await chat.SendMessageAsync("already here");

        var response = await AssociateAsync(chat.ContactId, source, clientToken: "assoc-1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["ContinuedFromContactId"], response.MemberNames);
        Assert.Equal(source, response.Json.GetProperty("ContinuedFromContactId").GetString());
        var items = await chat.TranscriptAsync();
        Assert.Equal(
            [source, source, source, source, null, null, null],
            items.Select(i => i.TryGetProperty("RelatedContactId", out var r) ? r.GetString() : null));
        Assert.Equal(["from the past", "already here"], items.Where(i => i.GetProperty("Type").GetString() == "MESSAGE").Select(i => i.GetProperty("Content").GetString()));
        Assert.Equal(Rehydrated, items[^1].GetProperty("ContentType").GetString());
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/{Requests.InstanceId}/{chat.ContactId}")).Json.GetProperty("Contact");
        Assert.Equal(source, contact.GetProperty("RelatedContactId").GetString());
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_TellsTheOpenSocketChatRehydrated()
    {
        var (source, _) = await EndedChatAsync("from the past");
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        await using var socket = await chat.OpenSocketAsync();

        await AssociateAsync(chat.ContactId, source);

        JsonElement item;
        do
        {
            item = await socket.NextItemAsync();
        }
        while (item.GetProperty("ContentType").GetString() != Rehydrated);
        Assert.Equal(chat.ContactId, item.GetProperty("InitialContactId").GetString());
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_Twice_IsInvalidRequest_ButItsClientTokenRepeats()
    {
        var (source, _) = await EndedChatAsync("a");
        var (other, _) = await EndedChatAsync("b");
        var chat = await NewChat().StartAsync();
        await AssociateAsync(chat.ContactId, source, clientToken: "assoc-1");

        var repeat = await AssociateAsync(chat.ContactId, source, clientToken: "assoc-1");
        var second = await AssociateAsync(chat.ContactId, other, clientToken: "assoc-2");

        Assert.Equal(HttpStatusCode.OK, repeat.Status);
        Assert.Equal(source, repeat.Json.GetProperty("ContinuedFromContactId").GetString());
        Assert.Contains("only once", AwsAssert.InvalidRequest(second), StringComparison.Ordinal);
        Assert.Equal(1, (await chat.ConnectAsync() is var c ? await c.TranscriptAsync() : []).Count(i => i.GetProperty("ContentType").GetString() == Rehydrated));
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_ChatStartedPersistent_IsInvalidRequest()
    {
        var (source, _) = await EndedChatAsync("a");
        var (other, _) = await EndedChatAsync("b");
        var chat = await NewChat().StartAsync(Requests.Persistent(source));

        Assert.Contains("only once", AwsAssert.InvalidRequest(await AssociateAsync(chat.ContactId, other)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_ChatStartedWithRelatedContactId_IsInvalidRequest()
    {
        var (source, _) = await EndedChatAsync("a");
        var chat = await NewChat().StartAsync(Requests.Minimal().With("RelatedContactId", source));

        Assert.Contains("RelatedContactId and PersistentChat", AwsAssert.InvalidRequest(await AssociateAsync(chat.ContactId, source)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_ActiveSource_IsInvalidRequest()
    {
        var active = await Client.StartContactAsync(Requests.Minimal());
        var chat = await NewChat().StartAsync();

        Assert.Contains("Only chat sessions that have ended", AwsAssert.InvalidRequest(await AssociateAsync(chat.ContactId, active)), StringComparison.Ordinal);
        Assert.Contains("Only chat sessions that have ended", AwsAssert.InvalidRequest(await AssociateAsync(chat.ContactId, chat.ContactId)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_EndedChat_IsInvalidRequest()
    {
        var (source, _) = await EndedChatAsync("a");
        var (ended, _) = await EndedChatAsync("b");

        Assert.Contains("has ended", AwsAssert.InvalidRequest(await AssociateAsync(ended, source)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePersistentContactAssociation_UnknownChatOrSource_IsResourceNotFound()
    {
        var (source, _) = await EndedChatAsync("a");
        var chat = await NewChat().StartAsync();

        AwsAssert.Error(await AssociateAsync(Guid.NewGuid().ToString(), source), HttpStatusCode.NotFound, "ResourceNotFoundException");
        AwsAssert.Error(await AssociateAsync(chat.ContactId, Guid.NewGuid().ToString()), HttpStatusCode.NotFound, "ResourceNotFoundException");
        AwsAssert.Error(await AssociateAsync(chat.ContactId, source, instanceId: "no-such-instance"), HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("""{"SourceContactId":"c"}""", "Value null at 'rehydrationType' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"RehydrationType":"ALL","SourceContactId":"c"}""", "Value 'ALL' at 'rehydrationType' failed to satisfy constraint: Member must satisfy enum value set: [ENTIRE_PAST_SESSION, FROM_SEGMENT]")]
    [InlineData("""{"RehydrationType":"FROM_SEGMENT"}""", "Value null at 'sourceContactId' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"RehydrationType":"FROM_SEGMENT","SourceContactId":""}""", "Value '' at 'sourceContactId' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    public async Task CreatePersistentContactAssociation_BreakingARule_IsInvalidParameter(string body, string clause)
    {
        var chat = await NewChat().StartAsync();

        var response = await Client.SendAsync(HttpMethod.Post, $"/contact/persistent-contact-association/{Requests.InstanceId}/{chat.ContactId}", Wire.Json(body));

        Assert.Contains(clause, AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_Persistent_TheFirstSocketHearsChatRehydrated_OnlyOnce()
    {
        var (source, _) = await EndedChatAsync("from the past");
        var chat = await (await NewChat().StartAsync(Requests.Persistent(source))).ConnectAsync();

        await using var first = await chat.OpenSocketAsync();
        var heard = await first.NextItemAsync();
        await using var second = await (await chat.ConnectAsync()).OpenSocketAsync();
        await chat.SendMessageAsync("now");
        var secondHeard = await second.NextItemAsync();

        Assert.Equal(Rehydrated, heard.GetProperty("ContentType").GetString());
        Assert.Equal(
            (await chat.TranscriptAsync()).Single(i => i.GetProperty("ContentType").GetString() == Rehydrated).GetProperty("Id").GetString(),
            heard.GetProperty("Id").GetString());
        Assert.Equal("text/plain", secondHeard.GetProperty("ContentType").GetString());
    }

    /// <summary>A chat whose customer connected, said <paramref name="text"/> and left: an ended contact with a transcript.</summary>
    private async Task<(string ContactId, string MessageId)> EndedChatAsync(string text)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var said = await chat.SendMessageAsync(text);
        Assert.Equal(HttpStatusCode.OK, (await chat.CallAsync("/participant/disconnect", "{}")).Status);
        return (chat.ContactId, said);
    }

    private async Task StopAsync(string contactId, string instanceId = Requests.InstanceId) =>
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"ContactId":"{{contactId}}","InstanceId":"{{instanceId}}"}"""))).Status);

    private Task<WireResponse> AssociateAsync(
        string contactId, string source, string rehydrationType = "ENTIRE_PAST_SESSION", string? clientToken = null, string instanceId = Requests.InstanceId) =>
        Client.SendAsync(HttpMethod.Post, $"/contact/persistent-contact-association/{instanceId}/{contactId}", Wire.Json(JsonSerializer.Serialize(new
        {
            RehydrationType = rehydrationType,
            SourceContactId = source,
            ClientToken = clientToken,
        })));
}
