using System.Net;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant;

public sealed class DisconnectParticipantTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task DisconnectParticipant_EndsTheChatAndRevokesItsTokens()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();

        var response = await chat.CallAsync("/participant/disconnect", "{}");
        var reconnect = await chat.CallAsync("/participant/connection", """{"Type":["WEBSOCKET"]}""", chat.ParticipantToken);
        var message = await chat.CallAsync("/participant/message", """{"ContentType":"text/plain","Content":"x"}""");
        var contact = (await Client.SendAsync(HttpMethod.Get, $"/contacts/11111111-2222-3333-4444-555555555555/{chat.ContactId}")).Json.GetProperty("Contact");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("{}", response.Body);
        AwsAssert.Error(reconnect, HttpStatusCode.Forbidden, "AccessDeniedException");
        AwsAssert.Error(message, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal("CUSTOMER_DISCONNECT", contact.GetProperty("DisconnectReason").GetString());
    }
}
