using System.Text.Json.Serialization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary><c>PUT /contact/participant-role-config/{InstanceId}/{ContactId}</c>: the labels, and the body (ChannelConfiguration).</summary>
internal sealed class UpdateParticipantRoleConfigRequest
{
    /// <summary>The instance (a label of the path, not a member of the body).</summary>
    [JsonIgnore]
    public string InstanceId { get; private set; } = "";

    /// <summary>The chat contact (a label of the path, not a member of the body).</summary>
    [JsonIgnore]
    public string ContactId { get; private set; } = "";

    /// <summary>The channel to configure: a union whose only member is <c>Chat</c>.</summary>
    public UpdateParticipantRoleConfigChannelInfo? ChannelConfiguration { get; set; }

    public static async ValueTask<UpdateParticipantRoleConfigRequest> BindAsync(HttpContext context)
    {
        var request = await AwsJsonBody.ReadAsync(context, ConnectJsonContext.Default.UpdateParticipantRoleConfigRequest);
        request.InstanceId = AwsLabels.InstanceId(context);
        request.ContactId = AwsLabels.Get(context, nameof(ContactId));
        return request;
    }

    /// <summary>The timer changes the request asks for, in its order.</summary>
    public IReadOnlyList<ParticipantTimerChange> ToDomain() =>
        [.. ChannelConfiguration!.Chat!.ParticipantTimerConfigList!.Select(t => new ParticipantTimerChange(
            t!.ParticipantRole!, t.TimerType!, t.TimerValue!.ParticipantTimerDurationInMinutes))];
}

/// <summary>The channel configuration (a union: exactly one member, and Chat is the only one).</summary>
internal sealed class UpdateParticipantRoleConfigChannelInfo
{
    /// <summary>Configuration information for the chat participant role.</summary>
    public ChatParticipantRoleConfig? Chat { get; set; }
}

/// <summary>The chat's participant timers.</summary>
internal sealed class ChatParticipantRoleConfig
{
    /// <summary>1 to 6 timers, each a unique combination of role and timer type ("Duplicate entries error out the request with a 400").</summary>
    public List<ParticipantTimerConfiguration?>? ParticipantTimerConfigList { get; set; }
}

/// <summary>One timer: a role, a timer type, and its value.</summary>
internal sealed class ParticipantTimerConfiguration
{
    /// <summary><c>CUSTOMER</c> or <c>AGENT</c>.</summary>
    /// <example>CUSTOMER</example>
    public string? ParticipantRole { get; set; }

    /// <summary><c>IDLE</c> (the participant is deemed idle) or <c>DISCONNECT_NONCUSTOMER</c> (the agent is disconnected for the role's idleness).</summary>
    /// <example>IDLE</example>
    public string? TimerType { get; set; }

    /// <summary>The timer's value: a union of ParticipantTimerAction and ParticipantTimerDurationInMinutes, exactly one set.</summary>
    public ParticipantTimerValue? TimerValue { get; set; }
}

/// <summary>A timer's value (a union: exactly one member set).</summary>
internal sealed class ParticipantTimerValue
{
    /// <summary><c>Unset</c>, the only action: deletes the timer.</summary>
    /// <example>Unset</example>
    public string? ParticipantTimerAction { get; set; }

    /// <summary>The timer's duration in minutes, 2 to 480.</summary>
    /// <example>5</example>
    public int? ParticipantTimerDurationInMinutes { get; set; }
}

/// <summary>
/// The model's constraints (InvalidParameterException, naming the member): ChannelConfiguration and its Chat, a list
/// of 1 to 6 timers, each with a role, a type and a value of exactly one member (the unions), a duration of 2 to 480.
/// Two timers of one role and type ("Duplicate entries error out the request with a 400") is a rule between valid
/// members: InvalidRequestException.
/// </summary>
internal sealed class UpdateParticipantRoleConfigRequestValidator : AbstractValidator<UpdateParticipantRoleConfigRequest>
{
    public const string OneTimerValue = "Member must have exactly one of ParticipantTimerAction and ParticipantTimerDurationInMinutes set";

    public UpdateParticipantRoleConfigRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.InstanceId).HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.ContactId).HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.ChannelConfiguration!).Required().SetValidator(new ChannelInfoValidator());
        RuleFor(r => r.ChannelConfiguration)
            .Must(channel => Duplicate(channel) is null)
            .WithErrorCode(AwsErrors.InvalidRequestName)
            .WithMessage((_, channel) => Duplicate(channel) is { } twice
                ? $"ParticipantTimerConfigList has more than one timer of ParticipantRole {twice.Role} and TimerType {twice.Type}; each combination of role and timer type may appear once."
                : "");
    }

    private static (string Role, string Type)? Duplicate(UpdateParticipantRoleConfigChannelInfo? channel) =>
        channel?.Chat?.ParticipantTimerConfigList?
            .Where(t => t is { ParticipantRole: not null, TimerType: not null })
            .GroupBy(t => (Role: t!.ParticipantRole!, Type: t.TimerType!))
            .FirstOrDefault(g => g.Count() > 1)?.Key;

    private sealed class ChannelInfoValidator : AbstractValidator<UpdateParticipantRoleConfigChannelInfo>
    {
        public ChannelInfoValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;

            // Chat is the union's only member, so the one member a union must have set is Chat.
            RuleFor(c => c.Chat!).Required().SetValidator(new ChatConfigValidator());
        }
    }

    private sealed class ChatConfigValidator : AbstractValidator<ChatParticipantRoleConfig>
    {
        public ChatConfigValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(c => c.ParticipantTimerConfigList).Required().Count(1, 6).EachValue(new TimerValidator());
        }
    }

    private sealed class TimerValidator : AbstractValidator<ParticipantTimerConfiguration>
    {
        public TimerValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(t => t.ParticipantRole).Required().OneOf(ParticipantTimerSettings.Roles);
            RuleFor(t => t.TimerType).Required().OneOf(ParticipantTimerSettings.TimerTypes);
            RuleFor(t => t.TimerValue!)
                .Required()
                .Documented((_, value) => value.ParticipantTimerAction is null != value.ParticipantTimerDurationInMinutes is null, OneTimerValue)
                .SetValidator(new TimerValueValidator());
        }
    }

    private sealed class TimerValueValidator : AbstractValidator<ParticipantTimerValue>
    {
        public TimerValueValidator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(v => v.ParticipantTimerAction).OneOf([ParticipantTimerSettings.Unset]);
            RuleFor(v => v.ParticipantTimerDurationInMinutes).Range(2, 480);
        }
    }
}

/// <summary>
/// UpdateParticipantRoleConfig: <c>PUT /contact/participant-role-config/{InstanceId}/{ContactId}</c>. Sets or deletes
/// (Unset) a chat's idle and auto-disconnect timers per role; timers not named stay as they were. Answers 200 with an
/// empty JSON object, as StopContact does.
/// </summary>
/// <remarks>
/// Where the model and the documentation are silent, ConnectMock decides (docs/chat-timers.md): an unknown contact or
/// instance is ResourceNotFoundException; an ended contact is InvalidRequestException, as for CreateParticipant;
/// DISCONNECT_NONCUSTOMER is valid for CUSTOMER (the guide's "customer auto-disconnect timeout" disconnects the agent
/// when the customer is idle). The timers apply from the next agent who joins, as the guide says of a configuration
/// updated while an agent and the customer are connected. Every ConnectMock contact is a chat, so there is no
/// "not a chat" error to give.
/// </remarks>
internal static class UpdateParticipantRoleConfig
{
    public static Ok<EmptyResponse> Handle(UpdateParticipantRoleConfigRequest request, ChatService chats)
    {
        chats.UpdateParticipantTimers(request.InstanceId, request.ContactId, request.ToDomain());
        return TypedResults.Ok(new EmptyResponse());
    }
}
