using System.Buffers;
using System.Net;
using System.Text;
using ConnectMock.Aws;
using ConnectMock.ControlPlane;
using ConnectMock.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>Reading the journal costs a bounded amount whatever it holds: pages, bodies on request, few body readers at once.</summary>
public sealed class JournalPagingTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const int BodyBytes = 64 * 1024;

    /// <summary>The journal as a load test leaves it: 1,000 calls (its capacity), each with a 64 KB body.</summary>
    private void FillWithLargeBodies() => FillWithLargeBodies(App.Journal, 1000);

    /// <summary><paramref name="count"/> calls, each with a 64 KB body, the last with client token t{count - 1}.</summary>
    internal static void FillWithLargeBodies(RequestJournal journal, int count)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"Padding":"{{new string('x', BodyBytes - 14)}}"}""");
        Assert.Equal(BodyBytes, body.Length);
        for (var i = 0; i < count; i++)
        {
            var http = new DefaultHttpContext();
            http.Request.Method = "PUT";
            http.Request.Path = "/contact/chat";
            http.Response.StatusCode = 200;
            var call = new AwsCallInfo(Guid.NewGuid(), "StartChatContact", AwsService.Connect, 0) { ClientToken = $"t{i}" };
            call.KeepBody(new ReadOnlySequence<byte>(body), BodyBytes);
            journal.Record(http, call, 1);
            call.ReleaseBody();
        }
    }

    [Fact]
    public async Task ListRequests_OfAFullJournalOfLargeBodies_DefaultPageIsSmallWithoutBodies()
    {
        FillWithLargeBodies();

        var page = await Client.ControlAsync(HttpMethod.Get, "/requests");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Body.Length < 256 * 1024, $"the default page is {page.Body.Length} bytes");
        var entries = page.Json.GetProperty("requests").EnumerateArray().ToList();
        Assert.Equal(100, entries.Count);
        Assert.All(entries, e => Assert.False(e.TryGetProperty("requestBody", out _)));
        Assert.True(page.Json.TryGetProperty("nextToken", out _));
    }

    [Fact]
    public async Task ListRequests_WithBodies_StopsAtThePageByteBudgetAndGoesOnWithNextToken()
    {
        FillWithLargeBodies();

        var first = await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true&maxResults=1000");
        var firstEntries = first.Json.GetProperty("requests").EnumerateArray().ToList();
        var next = first.Json.GetProperty("nextToken").GetString();
        var second = await Client.ControlAsync(HttpMethod.Get, $"/requests?includeBodies=true&maxResults=1000&nextToken={next}");
        var secondEntries = second.Json.GetProperty("requests").EnumerateArray().ToList();

        Assert.True(first.Body.Length <= (4 * 1024 * 1024) + (2 * BodyBytes), $"a page with bodies is {first.Body.Length} bytes");
        Assert.InRange(firstEntries.Count, 1, 999);
        Assert.All(firstEntries, e => Assert.Equal(BodyBytes - 14, e.GetProperty("requestBody").GetProperty("Padding").GetString()!.Length));
        Assert.Equal(firstEntries[^1].GetProperty("sequence").GetInt64() - 1, secondEntries[0].GetProperty("sequence").GetInt64());
        Assert.Equal("t999", firstEntries[0].GetProperty("clientToken").GetString());
    }

    [Fact]
    public async Task ListRequests_PagesThroughTheFilteredJournalWithNextToken()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.StartChatAsync(Requests.Minimal(clientToken: $"p{i}").ToJsonString());
            await Client.StartChatAsync(Requests.Minimal(clientToken: $"other{i}").With("InstanceId", "other").ToJsonString());
        }

        var pages = new List<string>();
        string? next = null;
        do
        {
            var query = "/requests?instanceId=11111111-2222-3333-4444-555555555555&maxResults=2" + (next is null ? "" : $"&nextToken={next}");
            var page = (await Client.ControlAsync(HttpMethod.Get, query)).Json;
            pages.Add(string.Join(',', page.GetProperty("requests").EnumerateArray().Select(e => e.GetProperty("clientToken").GetString())));
            next = page.TryGetProperty("nextToken", out var n) ? n.GetString() : null;
        }
        while (next is not null);

        Assert.Equal(["p4,p3", "p2,p1", "p0"], pages);
    }

    [Fact]
    public async Task ListRequests_ByRequestId_FindsThatCall()
    {
        await Client.StartChatAsync(Requests.Minimal(clientToken: "a").ToJsonString());
        var wanted = await Client.StartChatAsync(Requests.Minimal(clientToken: "b").ToJsonString());
        await Client.StartChatAsync(Requests.Minimal(clientToken: "c").ToJsonString());

        var entry = Assert.Single((await Client.ControlAsync(HttpMethod.Get, $"/requests?requestId={wanted.RequestId}&includeBodies=true")).Json.GetProperty("requests").EnumerateArray());

        Assert.Equal("b", entry.GetProperty("clientToken").GetString());
        Assert.Equal("b", entry.GetProperty("requestBody").GetProperty("ClientToken").GetString());
    }

    [Fact]
    public async Task ListRequests_ConcurrentReadsWithBodies_AreBoundedAndTheRestAreToldToRetry()
    {
        FillWithLargeBodies();

        // Readers that do not read: each holds its read open, as a slow client would, once the response fills the pipe.
        var held = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            held.Add(await Client.GetAsync("/_connectmock/requests?includeBodies=true", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken));
        }

        var refused = await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true");
        var withoutBodies = await Client.ControlAsync(HttpMethod.Get, "/requests");

        Assert.All(held, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Contains("includeBodies", refused.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Header("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, withoutBodies.Status);

        held.ForEach(r => r.Dispose());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        while ((status = (await Client.ControlAsync(HttpMethod.Get, "/requests?includeBodies=true&maxResults=1")).Status) != HttpStatusCode.OK
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
