using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConnectMock.ControlPlane;
using ConnectMock.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.ControlPlane;

/// <summary>
/// What keeps web pages off the control plane: JSON bodies only (no form or text/plain "simple" request), no other
/// origin (Origin, Sec-Fetch-Site) and no Host that a DNS-rebinding page would send.
/// </summary>
public sealed class ControlPlaneGuardTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    private const string Fault = """{"error":"InternalServiceException"}""";

    [Theory]
    [InlineData("text/plain", Fault)]
    [InlineData("text/plain;charset=UTF-8", Fault)]
    [InlineData("application/x-www-form-urlencoded", "{\"error\":\"InternalServiceException\"}=")]
    [InlineData("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n")]
    [InlineData(null, Fault)]
    public async Task AddFault_WithABodyThatIsNotJson_Is415AndAddsNoFault(string? contentType, string body)
    {
        var response = await Client.SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Raw(Encoding.UTF8.GetBytes(body), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Contains("Content-Type: application/json", ErrorOf(response), StringComparison.Ordinal);
        Assert.Empty(App.Faults.Rules);
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "a=b")]
    [InlineData("text/plain", "")]
    [InlineData("application/x-www-form-urlencoded", "")]
    public async Task Reset_FromAFormOrTextBody_Is415AndKeepsTheContacts(string contentType, string body)
    {
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var response = await Client.SendAsync(HttpMethod.Post, "/_connectmock/reset", Wire.Raw(Encoding.UTF8.GetBytes(body), contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Status);
        Assert.Equal(1, App.Store.Count);
    }

    [Fact]
    public async Task JsonBodiesAndBodylessCalls_AreServed_WhereTextPlainIsNot()
    {
        var json = await Client.SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Raw(Encoding.UTF8.GetBytes(Fault), "application/json; charset=utf-8"));
        var bodyless = await Client.SendAsync(HttpMethod.Post, "/_connectmock/reset");
        var text = await Client.SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Raw(Encoding.UTF8.GetBytes(Fault), "text/plain"));

        Assert.Equal(HttpStatusCode.Created, json.Status);
        Assert.Equal(HttpStatusCode.OK, bodyless.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.Status);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "http://localhost:3000")]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task AddFault_FromAnotherOrigin_Is403AndAddsNoFault(string header, string value)
    {
        var response = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault), (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Contains("other origins", ErrorOf(response), StringComparison.Ordinal);
        Assert.Empty(App.Faults.Rules);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ReadingContacts_FromAnotherOrigin_Is403AndShowsNoToken(string header, string value)
    {
        var started = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var list = await SendAsync(HttpMethod.Get, "/_connectmock/contacts", null, (header, value));
        var one = await SendAsync(HttpMethod.Get, $"/_connectmock/contacts/{started.ContactId}", null, (header, value));

        Assert.Equal(HttpStatusCode.Forbidden, list.Status);
        Assert.Equal(HttpStatusCode.Forbidden, one.Status);
        Assert.DoesNotContain(started.ContactId, list.Body + one.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(started.ParticipantToken, one.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Origin", "HTTP://LOCALHOST")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    [InlineData("Sec-Fetch-Site", "none")]
    public async Task AddFault_FromCurlOrTheSameOrigin_IsServed_WhereAnotherOriginIsNot(string? header, string? value)
    {
        (string, string)[] headers = header is null ? [] : [(header, value!)];

        var served = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault), headers);
        var refused = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault), [.. headers, ("Origin", "http://evil.example")]);

        Assert.Equal(HttpStatusCode.Created, served.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Single(App.Faults.Rules);
    }

    [Fact]
    public async Task SwaggerUiTryItOut_SameOriginWithPort_IsServed_WhereAnotherPortIsNot()
    {
        (string, string) host = ("Host", "localhost:8080");

        var served = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault),
            host, ("Origin", "http://localhost:8080"), ("Sec-Fetch-Site", "same-origin"), ("Referer", "http://localhost:8080/swagger/index.html"));
        var refused = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault), host, ("Origin", "http://localhost:8081"));

        Assert.Equal(HttpStatusCode.Created, served.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:8080")]
    [InlineData("rebind.test:5000")]
    [InlineData("localhost.evil.example")]
    [InlineData("connectmock.evil.example")]
    public async Task ForeignHost_Is403NamingTheSettingToChange(string host)
    {
        var started = AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var read = await SendAsync(HttpMethod.Get, $"/_connectmock/contacts/{started.ContactId}", null, ("Host", host));
        var write = await SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json(Fault), ("Host", host));

        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Contains("ConnectMock:ControlPlane:AllowedHosts", ErrorOf(read), StringComparison.Ordinal);
        Assert.Contains("ConnectMock__ControlPlane__AllowedHosts__0", ErrorOf(read), StringComparison.Ordinal);
        Assert.DoesNotContain(started.ParticipantToken, read.Body, StringComparison.Ordinal);
        Assert.Empty(App.Faults.Rules);
    }

    [Theory]
    [InlineData("127.0.0.1:5000")]
    [InlineData("[::1]:5000")]
    [InlineData("[::1]")]
    [InlineData("10.1.2.3:8080")]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8080")]
    [InlineData("localhost.:8080")]
    [InlineData("app.localhost:8080")]
    [InlineData("connectmock")]
    [InlineData("connectmock:8080")]
    public async Task AllowedHost_IsServed_WhereAForeignHostIsNot(string host)
    {
        var served = await SendAsync(HttpMethod.Get, "/_connectmock/contacts", null, ("Host", host));
        var refused = await SendAsync(HttpMethod.Get, "/_connectmock/contacts", null, ("Host", "evil.example"));

        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    [Fact]
    public async Task TheAwsApi_AnswersAnyHostAndOrigin_WhileTheControlPlaneDoesNot()
    {
        var aws = await SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Json(Requests.Minimal().ToJsonString()),
            ("Host", "connect.us-east-1.amazonaws.com"), ("Origin", "https://evil.example"));
        var control = await SendAsync(HttpMethod.Get, "/_connectmock/contacts", null,
            ("Host", "connect.us-east-1.amazonaws.com"), ("Origin", "https://evil.example"));

        AwsAssert.Started(aws);
        Assert.Equal(HttpStatusCode.Forbidden, control.Status);
    }

    [Fact]
    public async Task EveryControlPlaneRoute_RefusesAnotherOrigin()
    {
        var routes = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("_connectmock", StringComparison.Ordinal) == true)
            .ToList();
        Assert.True(routes.Count >= 10, $"only {routes.Count} control-plane routes found");

        foreach (var route in routes)
        {
            var path = "/" + string.Join('/', route.RoutePattern.PathSegments.Select(s => s.IsSimple && s.Parts[0].IsLiteral
                ? ((Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart)s.Parts[0]).Content
                : "x"));
            var methods = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST", "PUT", "DELETE"];
            foreach (var method in methods)
            {
                var response = await SendAsync(new HttpMethod(method), path, Wire.Json("{}"), ("Origin", "https://evil.example"));
                Assert.True(response.Status == HttpStatusCode.Forbidden, $"{method} {path} ({route.RoutePattern.RawText}) answered {response.Status}");
            }
        }
    }

    private Task<WireResponse> SendAsync(HttpMethod method, string path, HttpContent? content, params (string Name, string Value)[] headers) =>
        Client.SendAsync(method, path, content, headers);

    internal static string ErrorOf(WireResponse response)
    {
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal(["error"], response.MemberNames);
        return response.Json.GetProperty("error").GetString()!;
    }
}

public sealed class ControlPlaneAllowedHostsTests(ControlPlaneAllowedHostsTests.HostsApp app) : ConnectMockTest<ControlPlaneAllowedHostsTests.HostsApp>(app)
{
    public sealed class HostsApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("ConnectMock:ControlPlane:AllowedHosts:0", "mock.example.com"),
            new("ConnectMock:ControlPlane:AllowedHosts:1", "*.svc.cluster.local"),
        ];
    }

    [Theory]
    [InlineData("mock.example.com", HttpStatusCode.OK)]
    [InlineData("MOCK.example.com:8080", HttpStatusCode.OK)]
    [InlineData("connectmock.default.svc.cluster.local", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("other.example.com", HttpStatusCode.Forbidden)]
    [InlineData("svc.cluster.local.evil.example", HttpStatusCode.Forbidden)]
    public async Task ConfiguredHosts_AreAddedToTheDefaults(string host, HttpStatusCode expected)
    {
        var configured = await GetContactsAsync(host);
        var foreign = await GetContactsAsync("evil.example");

        Assert.Equal(expected, configured);
        Assert.Equal(HttpStatusCode.Forbidden, foreign);
    }

    private async Task<HttpStatusCode> GetContactsAsync(string host) =>
        (await Client.SendAsync(HttpMethod.Get, "/_connectmock/contacts", null, [("Host", host)])).Status;
}

public sealed class ControlPlaneApiKeyTests(ControlPlaneApiKeyTests.KeyedApp app) : ConnectMockTest<ControlPlaneApiKeyTests.KeyedApp>(app)
{
    private const string Key = "k3y-for-the-tests-0123456789";

    public sealed class KeyedApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:ControlPlane:ApiKey", Key)];
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("X-ConnectMock-Api-Key", "wrong")]
    [InlineData("X-ConnectMock-Api-Key", "")]
    [InlineData("X-ConnectMock-Api-Key", Key + "x")]
    [InlineData("X-ConnectMock-Api-Key", "K3Y-FOR-THE-TESTS-0123456789")]
    [InlineData("Authorization", "Bearer wrong")]
    [InlineData("Authorization", Key)]
    [InlineData("Authorization", "Basic " + Key)]
    public async Task WithoutTheRightKey_Is401AndChangesNothing(string? header, string? value)
    {
        using var client = App.Server.CreateClient();
        AwsAssert.Started(await client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var read = await SendAsync(client, HttpMethod.Get, "/_connectmock/contacts", null, header, value);
        var reset = await SendAsync(client, HttpMethod.Post, "/_connectmock/reset", null, header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, read.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, reset.Status);
        Assert.Contains("X-ConnectMock-Api-Key", ControlPlaneGuardTests.ErrorOf(read), StringComparison.Ordinal);
        Assert.Equal(1, App.Store.Count);
    }

    [Theory]
    [InlineData("X-ConnectMock-Api-Key", Key)]
    [InlineData("Authorization", "Bearer " + Key)]
    [InlineData("Authorization", "bearer " + Key)]
    public async Task WithTheKeyInEitherHeader_IsServed(string header, string value)
    {
        using var client = App.Server.CreateClient();

        var added = await SendAsync(client, HttpMethod.Post, "/_connectmock/faults", Wire.Json("""{"latencyMs":1}"""), header, value);
        var refused = await SendAsync(client, HttpMethod.Post, "/_connectmock/faults", Wire.Json("""{"latencyMs":1}"""), null, null);

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Single(App.Faults.Rules);
    }

    [Theory]
    [InlineData("connectmock.default.svc.cluster.local:8080")]
    [InlineData("mock.example.com")]
    [InlineData("evil.example")]
    public async Task WithTheKey_AnyHostIsServed_WhereWithoutItTheHostIsRefused(string host)
    {
        using var client = App.Server.CreateClient();
        (string, string) hostHeader = ("Host", host);

        var keyed = await client.SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json("""{"latencyMs":1}"""), [hostHeader, (ControlPlaneGuard.ApiKeyHeader, Key)]);
        var bearer = await client.SendAsync(HttpMethod.Get, "/_connectmock/faults", null, [hostHeader, ("Authorization", "Bearer " + Key)]);
        var keyless = await client.SendAsync(HttpMethod.Post, "/_connectmock/faults", Wire.Json("""{"latencyMs":1}"""), [hostHeader]);

        Assert.Equal(HttpStatusCode.Created, keyed.Status);
        Assert.Equal(HttpStatusCode.OK, bearer.Status);
        Assert.Equal(HttpStatusCode.Forbidden, keyless.Status);
        var error = ControlPlaneGuardTests.ErrorOf(keyless);
        Assert.Contains("ConnectMock:ControlPlane:AllowedHosts", error, StringComparison.Ordinal);
        Assert.Contains(ControlPlaneGuard.ApiKeyHeader, error, StringComparison.Ordinal);
        Assert.Single(App.Faults.Rules);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Content-Type", "text/plain")]
    public async Task WithTheKeyUnderAForeignHost_OtherOriginsAndTextBodies_AreStillRefused(string header, string value)
    {
        using var client = App.Server.CreateClient();
        var content = header == "Content-Type" ? Wire.Raw(Encoding.UTF8.GetBytes("""{"latencyMs":1}"""), value) : Wire.Json("""{"latencyMs":1}""");
        (string, string)[] headers = header == "Content-Type"
            ? [("Host", "mock.example.com"), (ControlPlaneGuard.ApiKeyHeader, Key)]
            : [("Host", "mock.example.com"), (ControlPlaneGuard.ApiKeyHeader, Key), (header, value)];

        var response = await client.SendAsync(HttpMethod.Post, "/_connectmock/faults", content, headers);

        Assert.Equal(header == "Content-Type" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.Forbidden, response.Status);
        Assert.Empty(App.Faults.Rules);
    }

    [Fact]
    public async Task TheAwsApiAndHealth_NeedNoKey()
    {
        using var client = App.Server.CreateClient();

        var aws = await client.StartChatAsync(Requests.Minimal().ToJsonString());
        var health = await client.SendAsync(HttpMethod.Get, "/health");
        var control = await client.SendAsync(HttpMethod.Get, "/_connectmock/contacts");

        AwsAssert.Started(aws);
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, control.Status);
    }

    [Fact]
    public async Task ControlPlaneDocument_DeclaresTheKeySoSwaggerUiCanSendIt()
    {
        var document = JsonNode.Parse((await Client.SendAsync(HttpMethod.Get, "/swagger/control-plane/swagger.json")).Body)!;
        var schemes = document["components"]!["securitySchemes"]!.AsObject();

        var scheme = Assert.Single(schemes).Value!;
        Assert.Equal("apiKey", scheme["type"]!.GetValue<string>());
        Assert.Equal("header", scheme["in"]!.GetValue<string>());
        Assert.Equal("X-ConnectMock-Api-Key", scheme["name"]!.GetValue<string>());
        Assert.Contains(document["security"]!.AsArray(), requirement => requirement!.AsObject().ContainsKey(Assert.Single(schemes).Key));
    }

    private static Task<WireResponse> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content, string? header, string? value) =>
        client.SendAsync(method, path, content, header is null ? [] : [(header, value!)]);
}

public sealed class ControlPlaneSwitchedOffTests(ControlPlaneSwitchedOffTests.OffApp app) : ConnectMockTest<ControlPlaneSwitchedOffTests.OffApp>(app)
{
    public sealed class OffApp : ConnectMockFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("ConnectMock:ControlPlane:Enabled", "false")];
    }

    [Theory]
    [InlineData("GET", "/_connectmock/contacts")]
    [InlineData("POST", "/_connectmock/reset")]
    [InlineData("POST", "/_connectmock/faults")]
    [InlineData("DELETE", "/_connectmock/requests")]
    public async Task EveryRoute_Is404AsAnUnknownPath(string method, string path)
    {
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var response = await Client.SendAsync(new HttpMethod(method), path, Wire.Json(Fault));
        var unknown = await Client.SendAsync(new HttpMethod(method), "/_connectmock/no-such-thing", Wire.Json(Fault));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(unknown.Status, response.Status);
        Assert.Equal(unknown.Body.Replace("/_connectmock/no-such-thing", path, StringComparison.Ordinal), response.Body);
        Assert.Empty(App.Faults.Rules);
        Assert.Equal(1, App.Store.Count);
    }

    [Theory]
    [InlineData("POST", "/_connectmock/reset", "application/x-www-form-urlencoded", "note=written+by+another+origin")]
    [InlineData("POST", "/_connectmock/faults", "text/plain", "written by another origin")]
    [InlineData("PUT", "/_connectmock/no-such-thing", "application/json", "{}")]
    [InlineData("GET", "/_connectmock", null, "")]
    public async Task ItsPaths_AreNotJournaled_SoAPageCannotWriteIntoTheJournal(string method, string path, string? contentType, string body)
    {
        AwsAssert.Started(await Client.StartChatAsync(Requests.Minimal().ToJsonString()));

        var response = await Client.SendAsync(new HttpMethod(method), path, Wire.Raw(Encoding.UTF8.GetBytes(body), contentType), [("Origin", "https://evil.example")]);
        var unknownAwsPath = await Client.SendAsync(HttpMethod.Post, "/no-such-operation", Wire.Json("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownAwsPath.Status);
        var journaled = App.Journal.Page(null, null, 100).Select(e => $"{e.Operation} {e.Method} {e.Path}").Order();
        Assert.Equal(["StartChatContact PUT /contact/chat", "Unknown POST /no-such-operation"], journaled);
    }

    [Fact]
    public async Task Swagger_HasNoControlPlane()
    {
        var document = await Client.SendAsync(HttpMethod.Get, "/swagger/control-plane/swagger.json");
        var ui = await Client.SendAsync(HttpMethod.Get, "/swagger/index.js");
        var aws = await Client.SendAsync(HttpMethod.Get, "/swagger/v1/swagger.json");

        Assert.Equal(HttpStatusCode.NotFound, document.Status);
        Assert.DoesNotContain("control-plane", ui.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, aws.Status);
        Assert.DoesNotContain("_connectmock", aws.Body, StringComparison.Ordinal);
    }

    private const string Fault = """{"error":"InternalServiceException"}""";
}

/// <summary>The start-up warning, on the real process and the addresses Kestrel bound.</summary>
public sealed class ControlPlaneExposureTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Even when the suite runs with a key in its environment (the processes inherit it).
    private static readonly Dictionary<string, string> NoKey = new() { ["ConnectMock__ControlPlane__ApiKey"] = "" };

    private static bool IsWarning(string line) => line.Contains("ConnectMock__ControlPlane__ApiKey", StringComparison.Ordinal);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("*")]
    public async Task ListeningOnAllInterfacesWithoutKey_LogsOneWarningNamingTheSetting(string host)
    {
        await using var app = AppProcess.StartOn(host, NoKey);

        Assert.True(await app.WaitUntilHealthyAsync(StartTimeout), string.Join('\n', app.Output));
        var warning = await app.WaitForOutputAsync(IsWarning, StartTimeout);

        Assert.NotNull(warning);
        Assert.Contains("WRN", warning, StringComparison.Ordinal);
        Assert.Contains("ConnectMock:ControlPlane:ApiKey", warning, StringComparison.Ordinal);

        // Every start-up service has run by then, so a second warning would already be in the output.
        Assert.NotNull(await app.WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal), StartTimeout));
        Assert.Single(app.Output, IsWarning);
    }

    [Theory]
    [InlineData("127.0.0.1", null, null)]
    [InlineData("localhost", null, null)]
    [InlineData("0.0.0.0", "ConnectMock__ControlPlane__ApiKey", "a-key-for-this-test-0123")]
    [InlineData("0.0.0.0", "ConnectMock__ControlPlane__Enabled", "false")]
    public async Task ListeningOnLoopbackOnly_OrWithAKey_OrSwitchedOff_LogsNoWarning(string host, string? variable, string? value)
    {
        await using var exposed = AppProcess.StartOn("0.0.0.0", NoKey);
        await using var app = AppProcess.StartOn(host, variable is null ? NoKey : new Dictionary<string, string>(NoKey) { [variable] = value! });

        Assert.NotNull(await exposed.WaitForOutputAsync(IsWarning, StartTimeout));
        Assert.NotNull(await app.WaitForOutputAsync(line => line.Contains("Application started", StringComparison.Ordinal), StartTimeout));
        Assert.DoesNotContain(app.Output, IsWarning);
    }
}
