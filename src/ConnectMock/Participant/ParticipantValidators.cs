using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;

namespace ConnectMock.Participant;

internal sealed class CreateParticipantConnectionRequestValidator : AbstractValidator<CreateParticipantConnectionRequest>
{
    public static readonly IReadOnlyList<string> ConnectionTypes = ["WEBSOCKET", "CONNECTION_CREDENTIALS", "WEBRTC_CONNECTION"];

    public CreateParticipantConnectionRequestValidator()
    {
        RuleFor(r => r.Type).Count(1, null).EachItem(oneOf: ConnectionTypes);
    }
}

internal sealed class SendMessageRequestValidator : AbstractValidator<SendMessageRequest>
{
    public SendMessageRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContentType).Required().HasLength(1, 100);
        RuleFor(r => r.Content)
            .Required()
            .HasLength(1, 16_384)
            .SetValidator(new ChatContentLengthValidator<SendMessageRequest>(r => r.ContentType))
            .WithErrorCode(AwsValidationFailures.ConstraintCode);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

internal sealed class SendEventRequestValidator : AbstractValidator<SendEventRequest>
{
    public SendEventRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(r => r.ContentType).Required().HasLength(1, 100).OneOf(ChatEvents.Events);
        RuleFor(r => r.Content).HasLength(1, 16_384);
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}

internal sealed class GetTranscriptRequestValidator : AbstractValidator<GetTranscriptRequest>
{
    public GetTranscriptRequestValidator()
    {
        RuleFor(r => r.ContactId).HasLength(AwsMemberLimits.ContactId);
        RuleFor(r => r.MaxResults).Range(0, 100);
        RuleFor(r => r.NextToken).HasLength(1, 1000);
        RuleFor(r => r.ScanDirection).OneOf(["FORWARD", "BACKWARD"]);
        RuleFor(r => r.SortOrder).OneOf(["DESCENDING", "ASCENDING"]);
        RuleFor(r => r.StartPosition!).SetValidator(new StartPositionValidator());
    }
}

internal sealed class StartPositionValidator : AbstractValidator<StartPosition>
{
    public StartPositionValidator()
    {
        RuleFor(p => p.Id).HasLength(AwsMemberLimits.ItemId);
        RuleFor(p => p.AbsoluteTime).HasLength(1, 100);
        RuleFor(p => p.MostRecent).Range(0, 100);
    }
}

internal sealed class DisconnectParticipantRequestValidator : AbstractValidator<DisconnectParticipantRequest>
{
    public DisconnectParticipantRequestValidator()
    {
        RuleFor(r => r.ClientToken).HasLength(AwsMemberLimits.ClientToken);
    }
}
