using System.Net;
using System.Text.RegularExpressions;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>
/// The web console's files: served at / and under /_connectmock/console/ from the assembly, with types and headers a
/// browser needs, loading nothing from elsewhere, behind the control plane's guard (Host names, other origins).
/// </summary>
public sealed partial class WebConsoleTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    public static readonly TheoryData<string> PagePaths = ["/", "/_connectmock/console", "/_connectmock/console/index.html"];

    [Theory]
    [MemberData(nameof(PagePaths))]
    public async Task ThePage_IsServedAsHtml_WithHeadersThatKeepOtherOriginsOut(string path)
    {
        var response = await Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/html", response.ContentType);
        Assert.Contains("<title>ConnectMock console</title>", response.Body, StringComparison.Ordinal);
        Assert.Contains("""<script type="module" src="/_connectmock/console/app.js"></script>""", response.Body, StringComparison.Ordinal);
        var policy = response.Header("Content-Security-Policy");
        Assert.NotNull(policy);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", response.Header("Referrer-Policy"));
    }

    [Fact]
    public async Task EveryFileThePageLoads_IsServedWithItsType_AndNoneComesFromElsewhere()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(["/_connectmock/console/index.html"]);
        while (pending.TryDequeue(out var path))
        {
            if (!seen.Add(path))
            {
                continue;
            }

            var response = await Client.SendAsync(HttpMethod.Get, path);
            Assert.True(response.Status == HttpStatusCode.OK, $"{path}: {(int)response.Status} {response.Body}");
            var expectedType = Path.GetExtension(path) switch
            {
                ".html" => "text/html",
                ".css" => "text/css",
                ".js" => "text/javascript",
                _ => throw new InvalidOperationException($"unexpected file {path}"),
            };
            Assert.Equal(expectedType, response.ContentType);

            // Nothing from another origin: no absolute URL a browser would load (the templates' examples have none).
            Assert.DoesNotMatch(ExternalUrl(), response.Body);
            foreach (Match reference in LocalReference().Matches(response.Body))
            {
                var target = reference.Groups["path"].Value;
                pending.Enqueue(target.StartsWith('/') ? target : "/_connectmock/console/" + target.TrimStart('.', '/'));
            }
        }

        Assert.Equal(
            ["/_connectmock/console/api.js", "/_connectmock/console/app.js", "/_connectmock/console/chats.js", "/_connectmock/console/console.css",
                "/_connectmock/console/dom.js", "/_connectmock/console/index.html", "/_connectmock/console/templates.js", "/_connectmock/console/testing.js"],
            seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFileItDoesNotHave_Is404AsPlainJson()
    {
        var response = await Client.SendAsync(HttpMethod.Get, "/_connectmock/console/secrets.txt");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("The web console has no file 'secrets.txt'.", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task AFileAsked_WithItsETag_Is304()
    {
        var first = await Client.SendAsync(HttpMethod.Get, "/_connectmock/console/app.js");
        var etag = first.Header("ETag");
        Assert.NotNull(etag);

        var again = await Client.SendAsync(HttpMethod.Get, "/_connectmock/console/app.js", null, [("If-None-Match", etag)]);

        Assert.Equal(HttpStatusCode.NotModified, again.Status);
        Assert.Equal("", again.Body);
    }

    [Theory]
    [InlineData("Host", "evil.example")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ThePageAndItsFiles_AreGuardedAsTheControlPlaneIs(string header, string value)
    {
        foreach (var path in new[] { "/", "/_connectmock/console/", "/_connectmock/console/app.js", "/_connectmock/events" })
        {
            var response = await Client.SendAsync(HttpMethod.Get, path, null, [(header, value)]);

            Assert.True(response.Status == HttpStatusCode.Forbidden, $"{path} with {header}: {value} answered {(int)response.Status}");
            Assert.DoesNotContain("<html", response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThePage_OpenedByTypingItsAddress_IsServed()
    {
        // What a browser sends for a typed URL or a bookmark; a same-origin fetch sends same-origin.
        var typed = await Client.SendAsync(HttpMethod.Get, "/", null, [("Sec-Fetch-Site", "none"), ("Sec-Fetch-Mode", "navigate")]);
        var script = await Client.SendAsync(HttpMethod.Get, "/_connectmock/console/app.js", null, [("Sec-Fetch-Site", "same-origin")]);

        Assert.Equal(HttpStatusCode.OK, typed.Status);
        Assert.Equal(HttpStatusCode.OK, script.Status);
    }

    [Fact]
    public async Task ThePage_IsNoAwsCall_AndStaysOutOfTheJournal()
    {
        await Client.SendAsync(HttpMethod.Get, "/");
        await Client.SendAsync(HttpMethod.Get, "/_connectmock/console/console.css");

        Assert.Empty(App.Journal.Page(null, null, 10));
    }

    [GeneratedRegex("""https?://[A-Za-z0-9]""")]
    private static partial Regex ExternalUrl();

    // src="/x", href="/x" (not the data: icon) and ES module imports from "./x.js".
    [GeneratedRegex("""(?:(?:src|href)="(?<path>/[^"#]+)"|from "(?<path>\./[^"]+)")""")]
    private static partial Regex LocalReference();
}

/// <summary>With an API key: the page (no data) is served without it and asks for it; everything with data needs it.</summary>
public sealed class WebConsoleApiKeyTests(WebConsoleApiKeyTests.KeyedApp app) : ConnectMockTest<WebConsoleApiKeyTests.KeyedApp>(app)
{
    private const string Key = "console-k3y-0123456789";

    public sealed class KeyedApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:ControlPlane:ApiKey", Key)];
    }

    [Fact]
    public async Task ThePage_IsServedWithoutTheKey_WhileItsFeedAndDataNeedIt()
    {
        using var client = App.Server.CreateClient(); // no key

        var page = await client.SendAsync(HttpMethod.Get, "/");
        var script = await client.SendAsync(HttpMethod.Get, "/_connectmock/console/api.js");
        var feed = await client.SendAsync(HttpMethod.Get, "/_connectmock/events");
        var contacts = await client.SendAsync(HttpMethod.Get, "/_connectmock/contacts");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Contains("X-ConnectMock-Api-Key", script.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, feed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, contacts.Status);
    }

    [Fact]
    public async Task ThePage_UnderAForeignHost_IsRefusedEvenWithTheKeyAbsent()
    {
        using var client = App.Server.CreateClient();

        var page = await client.SendAsync(HttpMethod.Get, "/", null, [("Host", "evil.example")]);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }
}

/// <summary>With the control plane switched off, so is the console: / is an unknown path like any other.</summary>
public sealed class WebConsoleSwitchedOffTests(WebConsoleSwitchedOffTests.OffApp app) : ConnectMockTest<WebConsoleSwitchedOffTests.OffApp>(app)
{
    public sealed class OffApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:ControlPlane:Enabled", "false")];
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/_connectmock/console/")]
    [InlineData("/_connectmock/console/app.js")]
    [InlineData("/_connectmock/events")]
    public async Task ThePageAndItsFeed_Are404(string path)
    {
        var response = await Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.DoesNotContain("<html", response.Body, StringComparison.Ordinal);
    }
}
