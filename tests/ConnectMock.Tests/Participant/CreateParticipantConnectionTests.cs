using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class CreateParticipantConnectionTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task CreateParticipantConnection_GivesAWebSocketUrlAndAConnectionToken()
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET","CONNECTION_CREDENTIALS"]}""", chat.ParticipantToken);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(["Websocket", "ConnectionCredentials"], response.MemberNames);
        var websocket = response.Json.GetProperty("Websocket");
        var credentials = response.Json.GetProperty("ConnectionCredentials");
        Assert.StartsWith("ws://127.0.0.1/chat/websocket?token=", websocket.GetProperty("Url").GetString(), StringComparison.Ordinal);
        Assert.Equal(Wire.Iso(App.Clock.GetUtcNow().AddSeconds(100)), websocket.GetProperty("ConnectionExpiry").GetString());
        Assert.Equal(Wire.Iso(App.Clock.GetUtcNow().AddDays(1)), credentials.GetProperty("Expiry").GetString());
        Assert.InRange(credentials.GetProperty("ConnectionToken").GetString()!.Length, 1, 1000);
        Assert.True(Guid.TryParse(response.RequestId, out _));
    }

    [Theory]
    [InlineData("""{"Type":["WEBSOCKET"]}""", "Websocket")]
    [InlineData("""{"Type":["CONNECTION_CREDENTIALS"]}""", "ConnectionCredentials")]
    [InlineData("""{"ConnectParticipant":true}""", null)]
    public async Task CreateParticipantConnection_ReturnsOnlyTheTypesAskedFor(string body, string? member)
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", body, chat.ParticipantToken);

        Assert.Equal(member is null ? [] : [member], response.MemberNames);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task CreateParticipantConnection_WithAnUnknownToken_IsAccessDenied(string token)
    {
        await NewChat().StartAsync();

        var response = await NewChat().CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", token);

        Assert.Equal("You do not have sufficient access to perform this action.", AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException"));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(64)]
    public async Task CreateParticipantConnection_RealIdsWithAnotherSecret_IsAccessDenied_AndTheRealTokenStillWorks(int alteredByte)
    {
        // Bytes 0-32 of a participant token are its kind and ids, 33-64 its secret: only the secret proves it.
        var chat = await NewChat().StartAsync();
        var bytes = Convert.FromBase64String(chat.ParticipantToken);
        bytes[alteredByte] ^= 0x01;

        var forged = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", Convert.ToBase64String(bytes));
        var real = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken);

        AwsAssert.Error(forged, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(HttpStatusCode.OK, real.Status);
    }

    [Fact]
    public async Task CreateParticipantConnection_WithTheConnectionTokenInsteadOfTheParticipantToken_IsAccessDenied()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ConnectionToken);

        AwsAssert.Error(response, HttpStatusCode.Forbidden, "AccessDeniedException");
    }

    [Theory]
    [InlineData("""{"Type":["SMOKE_SIGNALS"]}""", "Member must satisfy constraint: [Member must satisfy enum value set: [WEBSOCKET, CONNECTION_CREDENTIALS, WEBRTC_CONNECTION]]")]
    [InlineData("""{"Type":[]}""", "Member must have length greater than or equal to 1")]
    [InlineData("""{"Type":"WEBSOCKET"}""", "The value at 'type' has the wrong JSON type: expected a JSON array.")]
    public async Task CreateParticipantConnection_InvalidBody_IsAValidationException(string body, string message)
    {
        var chat = await NewChat().StartAsync();

        var response = await chat.CallAsync("/participant/connection", body, chat.ParticipantToken);

        Assert.Contains(message, AwsAssert.Error(response, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
    }
}
