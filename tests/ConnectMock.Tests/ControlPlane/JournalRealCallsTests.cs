using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>The journal as real AWS calls fill it (captured by the middleware from the wire), read page by page.</summary>
public sealed class JournalRealCallsTests(JournalRealCallsTests.SmallPagesApp app) : ConnectMockTest<JournalRealCallsTests.SmallPagesApp>(app)
{
    private const int Calls = 30;

    /// <summary>Pages with bodies as small as allowed, so that a few calls of a few KB span several of them.</summary>
    public sealed class SmallPagesApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:Journal:MaxPageBytes", $"{64 * 1024}")];
    }

    [Fact]
    public async Task ListRequests_OfRealCallsWithBodiesOfAFewKB_ShowsEveryCallOnceNewestFirst_WithTheBodiesSent()
    {
        var sent = new List<string>();
        for (var i = 0; i < Calls; i++)
        {
            var body = Requests.Minimal(clientToken: $"c{i}")
                .With("Attributes", new JsonObject { ["notes"] = new string((char)('a' + (i % 26)), 3000 + (100 * i)) })
                .ToJsonString();
            Assert.Equal(HttpStatusCode.OK, (await Client.StartChatAsync(body)).Status);
            sent.Add(body);
        }

        var (withoutBodies, _) = await ReadAllAsync("maxResults=7");
        var (withBodies, pagesWithBodies) = await ReadAllAsync("includeBodies=true&maxResults=1000");

        string[] newestFirst = [.. Enumerable.Range(0, Calls).Reverse().Select(i => $"c{i}")];
        Assert.Equal(newestFirst, withoutBodies.Select(e => e.GetProperty("clientToken").GetString()));
        Assert.All(withoutBodies, e => Assert.False(e.TryGetProperty("requestBody", out _)));
        Assert.Equal(newestFirst, withBodies.Select(e => e.GetProperty("clientToken").GetString()));
        Assert.InRange(pagesWithBodies, 2, Calls);
        for (var i = 0; i < Calls; i++)
        {
            var entry = withBodies[Calls - 1 - i];
            Assert.Equal(sent[i], entry.GetProperty("requestBody").GetRawText());
            Assert.Equal(sent[i].Length, entry.GetProperty("requestBodyBytes").GetInt32());
            Assert.False(entry.GetProperty("requestBodyTruncated").GetBoolean());
            Assert.Equal("StartChatContact", entry.GetProperty("operation").GetString());
        }
    }

    /// <summary>Every entry of the journal, following nextToken from the first page to the last.</summary>
    private async Task<(List<JsonElement> Entries, int Pages)> ReadAllAsync(string query)
    {
        var entries = new List<JsonElement>();
        var pages = 0;
        string? next = null;
        do
        {
            var page = await Client.ControlAsync(HttpMethod.Get, $"/requests?{query}" + (next is null ? "" : $"&nextToken={next}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            entries.AddRange(page.Json.GetProperty("requests").EnumerateArray());
            next = page.Json.TryGetProperty("nextToken", out var token) ? token.GetString() : null;
            pages++;
        }
        while (next is not null);

        return (entries, pages);
    }
}
