using System.Net;
using ConnectMock.Connect;
using ConnectMock.Contacts;
using ConnectMock.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConnectMock.Tests.Connect;

public sealed class UpdateParticipantRoleConfigTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Fact]
    public async Task UpdateParticipantRoleConfig_AllFourTimers_Is200WithAnEmptyObject_AndStoresThem()
    {
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(chat.ContactId, Timers(
            ("CUSTOMER", "IDLE", "5"), ("CUSTOMER", "DISCONNECT_NONCUSTOMER", "10"), ("AGENT", "IDLE", "2"), ("AGENT", "DISCONNECT_NONCUSTOMER", "480")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("{}", response.Body);
        Assert.True(Guid.TryParse(response.RequestId, out _));
        Assert.Equal(new ParticipantTimerSettings(5, 10, 2, 480), App.Store.Find(Guid.Parse(chat.ContactId))!.ParticipantTimers);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_Later_MergesAndUnsetDeletes()
    {
        var chat = await NewChat().StartAsync();
        await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5"), ("AGENT", "IDLE", "7")));

        var response = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "\"Unset\""), ("AGENT", "DISCONNECT_NONCUSTOMER", "3")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(new ParticipantTimerSettings(null, null, 7, 3), App.Store.Find(Guid.Parse(chat.ContactId))!.ParticipantTimers);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_DisconnectNonCustomerForTheCustomer_IsAccepted()
    {
        // The guide's "customer auto-disconnect timeout": the agent is disconnected when the customer is idle.
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "DISCONNECT_NONCUSTOMER", "2")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    public static TheoryData<string, string> BrokenConstraints() => new()
    {
        { "{}", "Value null at 'channelConfiguration' failed to satisfy constraint: Member must not be null" },
        { """{"ChannelConfiguration":{}}""", "Value null at 'channelConfiguration.chat' failed to satisfy constraint: Member must not be null" },
        { """{"ChannelConfiguration":{"Chat":{}}}""", "at 'channelConfiguration.chat.participantTimerConfigList' failed to satisfy constraint: Member must not be null" },
        { """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[]}}}""", "failed to satisfy constraint: Member must have length greater than or equal to 1" },
        { Timers(("CUSTOMER", "IDLE", "2"), ("CUSTOMER", "DISCONNECT_NONCUSTOMER", "2"), ("AGENT", "IDLE", "2"), ("AGENT", "DISCONNECT_NONCUSTOMER", "2"), ("CUSTOMER", "IDLE", "3"), ("AGENT", "IDLE", "3"), ("AGENT", "IDLE", "4")),
            "failed to satisfy constraint: Member must have length less than or equal to 6" },
        { Timers(("SUPERVISOR", "IDLE", "5")), "Value 'SUPERVISOR' at 'channelConfiguration.chat.participantTimerConfigList.1.member.participantRole' failed to satisfy constraint: Member must satisfy enum value set: [CUSTOMER, AGENT]" },
        { Timers(("CUSTOMER", "AWAY", "5")), "at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerType' failed to satisfy constraint: Member must satisfy enum value set: [IDLE, DISCONNECT_NONCUSTOMER]" },
        { Timers(("CUSTOMER", "IDLE", "1")), "Value '1' at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue.participantTimerDurationInMinutes' failed to satisfy constraint: Member must have value greater than or equal to 2" },
        { Timers(("CUSTOMER", "IDLE", "481")), "failed to satisfy constraint: Member must have value less than or equal to 480" },
        { Timers(("CUSTOMER", "IDLE", "\"Delete\"")), "at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue.participantTimerAction' failed to satisfy constraint: Member must satisfy enum value set: [Unset]" },
        { """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[{"TimerType":"IDLE","TimerValue":{"ParticipantTimerDurationInMinutes":5}}]}}}""",
            "Value null at 'channelConfiguration.chat.participantTimerConfigList.1.member.participantRole' failed to satisfy constraint: Member must not be null" },
        { """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[{"ParticipantRole":"AGENT","TimerType":"IDLE"}]}}}""",
            "Value null at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue' failed to satisfy constraint: Member must not be null" },
        { """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[{"ParticipantRole":"AGENT","TimerType":"IDLE","TimerValue":{}}]}}}""",
            "at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue' failed to satisfy constraint: " + UpdateParticipantRoleConfigRequestValidator.OneTimerValue },
        { """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[{"ParticipantRole":"AGENT","TimerType":"IDLE","TimerValue":{"ParticipantTimerAction":"Unset","ParticipantTimerDurationInMinutes":5}}]}}}""",
            "at 'channelConfiguration.chat.participantTimerConfigList.1.member.timerValue' failed to satisfy constraint: " + UpdateParticipantRoleConfigRequestValidator.OneTimerValue },
    };

    [Theory]
    [MemberData(nameof(BrokenConstraints))]
    public async Task UpdateParticipantRoleConfig_BreakingAConstraint_IsInvalidParameterNamingTheMember(string body, string clause)
    {
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(chat.ContactId, body);

        Assert.Contains(clause, AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
        Assert.True(App.Store.Find(Guid.Parse(chat.ContactId))!.ParticipantTimers.IsEmpty);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_ARoleAndTypeTwice_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(chat.ContactId, Timers(("AGENT", "IDLE", "5"), ("CUSTOMER", "IDLE", "5"), ("AGENT", "IDLE", "\"Unset\"")));

        Assert.Contains("more than one timer of ParticipantRole AGENT and TimerType IDLE", AwsAssert.InvalidRequest(response), StringComparison.Ordinal);
        Assert.True(App.Store.Find(Guid.Parse(chat.ContactId))!.ParticipantTimers.IsEmpty);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_MalformedJson_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(chat.ContactId, """{"ChannelConfiguration":{"Chat":{"ParticipantTimerConfigList":[{"ParticipantRole":"AGENT","TimerType":"IDLE","TimerValue":{"ParticipantTimerDurationInMinutes":"five"}}]}}}""");

        AwsAssert.InvalidRequest(response);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_AnEndedContact_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();
        await Client.SendAsync(HttpMethod.Post, "/contact/stop", Wire.Json($$"""{"InstanceId":"{{Requests.InstanceId}}","ContactId":"{{chat.ContactId}}"}"""));

        var response = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")));

        Assert.Contains("has ended", AwsAssert.InvalidRequest(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_AContactPastItsDuration_IsInvalidRequest()
    {
        var chat = await NewChat().StartAsync();
        App.Clock.Advance(TimeSpan.FromHours(25));

        var response = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")));

        Assert.Contains("has ended", AwsAssert.InvalidRequest(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Requests.InstanceId, "00000000-0000-0000-0000-000000000000")]
    [InlineData(Requests.InstanceId, "not-a-contact")]
    [InlineData("another-instance", null)]
    public async Task UpdateParticipantRoleConfig_UnknownContactOrInstance_IsResourceNotFound(string instance, string? contactId)
    {
        var chat = await NewChat().StartAsync();

        var response = await UpdateAsync(contactId ?? chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")), instance);

        Assert.Equal("Contact not found.", AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException"));
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_AnUndeclaredInstance_IsResourceNotFound_WhenInstancesAreDeclared()
    {
        var declared = await Client.ControlAsync(HttpMethod.Put, $"/instances/{Requests.InstanceId}", "{}");
        Assert.True(declared.Status is HttpStatusCode.OK or HttpStatusCode.Created, declared.Body);

        var response = await UpdateAsync(Guid.NewGuid().ToString(), Timers(("CUSTOMER", "IDLE", "5")), "99999999-2222-3333-4444-555555555555");

        AwsAssert.Error(response, HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_InstanceIdOverItsLimit_IsInvalidParameter()
    {
        var response = await UpdateAsync("c", Timers(("CUSTOMER", "IDLE", "5")), Requests.Text(101));

        Assert.Contains("at 'instanceId' failed to satisfy constraint: Member must have length less than or equal to 100", AwsAssert.InvalidParameter(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ThrottlingException", HttpStatusCode.TooManyRequests)]
    [InlineData("AccessDeniedException", HttpStatusCode.Forbidden)]
    [InlineData("InternalServiceException", HttpStatusCode.InternalServerError)]
    public async Task UpdateParticipantRoleConfig_AnInjectedFault_IsTheModelsErrorWithItsStatus(string error, HttpStatusCode status)
    {
        var chat = await NewChat().StartAsync();
        var fault = await Client.ControlAsync(HttpMethod.Post, "/faults", $$"""{"operation":"UpdateParticipantRoleConfig","error":"{{error}}","count":1}""");
        Assert.True(fault.Status == HttpStatusCode.Created, fault.Body);

        var failed = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")));
        var next = await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")));

        AwsAssert.Error(failed, status, error);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_IsRecordedInTheJournalByName()
    {
        var chat = await NewChat().StartAsync();

        await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5")));

        Assert.Contains(App.Journal.Page(null, null, 100), e => e.Operation == "UpdateParticipantRoleConfig" && e.StatusCode == 200);
    }

    [Fact]
    public async Task UpdateParticipantRoleConfig_AloneStartsNoTimer()
    {
        var chat = await NewChat().StartAsync();

        await UpdateAsync(chat.ContactId, Timers(("CUSTOMER", "IDLE", "5"), ("AGENT", "DISCONNECT_NONCUSTOMER", "5")));

        Assert.Equal(0, App.Services.GetRequiredService<ChatTimers>().Scheduled);
    }

    private Task<WireResponse> UpdateAsync(string contactId, string body, string instanceId = Requests.InstanceId) =>
        Client.SendAsync(HttpMethod.Put, $"/contact/participant-role-config/{instanceId}/{contactId}", Wire.Json(body));

    /// <summary>A request body with these timers; a value is a JSON number (minutes) or string (an action).</summary>
    internal static string Timers(params (string Role, string Type, string Value)[] timers)
    {
        var list = string.Join(",", timers.Select(t =>
        {
            var member = t.Value.StartsWith('"') ? "ParticipantTimerAction" : "ParticipantTimerDurationInMinutes";
            return "{\"ParticipantRole\":\"" + t.Role + "\",\"TimerType\":\"" + t.Type + "\",\"TimerValue\":{\"" + member + "\":" + t.Value + "}}";
        }));
        return "{\"ChannelConfiguration\":{\"Chat\":{\"ParticipantTimerConfigList\":[" + list + "]}}}";
    }
}

