using System.Net;
using ConnectMock.Contacts;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConnectMock.Tests.Connect;

/// <summary>The app as it runs for users (Production), with a store that fails the way a bug would.</summary>
public sealed class BrokenStoreFactory : ConnectMockFactory
{
    protected override string Environment => "Production";

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IContactStore>();
        services.AddSingleton<IContactStore, ExplodingStore>();
    }

    private sealed class ExplodingStore : IContactStore
    {
        public StartResult AddOrGetExisting(string instanceId, string? clientToken, DateTimeOffset now, int? maxActiveChats, Func<ChatContact> create) =>
            throw new InvalidOperationException("secret internal detail at ConnectMock.Contacts.Somewhere");

        public event Action<IReadOnlyList<Guid>>? Forgotten
        {
            add { }
            remove { }
        }

        public event Action<ChatChange>? Changed
        {
            add { }
            remove { }
        }

        public bool Shared => false;

        public ChatContact? Find(Guid contactId) =>
            throw new InvalidOperationException("secret internal detail at ConnectMock.Contacts.Somewhere");

        public ChatChange? Change(Guid contactId, Func<ChatContact, ContactEdit?> decide) => null;

        public IReadOnlyList<ChatItem>? Transcript(Guid contactId) => null;

        public bool TryReadTranscript<T>(Guid contactId, Func<IReadOnlyList<ChatItem>, T> read, out T result)
        {
            result = default!;
            return false;
        }

        public bool HasMessage(Guid contactId, string itemId) => false;

        public int ActiveChats(string instanceId, DateTimeOffset now) => 0;
    }
}

public sealed class ErrorHandlingTests(BrokenStoreFactory app) : IClassFixture<BrokenStoreFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task StartChatContact_UnexpectedFailure_IsAnInternalServiceExceptionWithoutDetails()
    {
        var response = await _client.StartChatAsync(Requests.Minimal().ToJsonString());

        var message = AwsAssert.Error(response, HttpStatusCode.InternalServerError, "InternalServiceException");
        Assert.Equal("An internal error occurred. Try the request again.", message);
        Assert.DoesNotContain("secret", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartChatContact_MalformedJsonInProduction_IsStillAnAwsError()
    {
        var response = await _client.StartChatAsync("{");

        AwsAssert.InvalidRequest(response);
    }

    [Fact]
    public async Task StartChatContact_NonJsonContentTypeInProduction_IsStillAnAwsError()
    {
        var response = await _client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw("x"u8.ToArray(), "text/plain"));

        AwsAssert.InvalidRequest(response);
    }

    [Fact]
    public async Task ParticipantService_UnexpectedFailure_IsAnInternalServerExceptionWithoutDetails()
    {
        // A well-formed participant token makes the service look its contact up, and the store fails.
        var token = ConnectMock.Contacts.ChatTokens.ParticipantToken(Guid.NewGuid(), Guid.NewGuid(), ConnectMock.Contacts.ChatTokens.ParticipantSecret.New());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/participant/connection") { Content = Wire.Json("""{"Type":["WEBSOCKET"]}""") };
        request.Headers.Add("X-Amz-Bearer", token);
        using var raw = await _client.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await raw.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var response = new WireResponse(raw.StatusCode, raw.Headers, raw.Content.Headers.ContentType?.MediaType, body);

        Assert.Equal("An internal error occurred. Try the request again.", AwsAssert.Error(response, HttpStatusCode.InternalServerError, "InternalServerException"));
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPathInProduction_IsAnAwsErrorNotAnEmpty404()
    {
        var response = await _client.SendAsync(HttpMethod.Get, "/no/such/thing");

        AwsAssert.Error(response, HttpStatusCode.NotFound, "UnknownOperationException");
    }
}
