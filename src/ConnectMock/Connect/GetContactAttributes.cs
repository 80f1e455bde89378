using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Contacts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.Connect;

/// <summary>The labels of <c>GET /contact/attributes/{InstanceId}/{InitialContactId}</c>.</summary>
internal sealed record GetContactAttributesRequest(string InstanceId, string InitialContactId)
{
    public static ValueTask<GetContactAttributesRequest> BindAsync(HttpContext context) =>
        ValueTask.FromResult(new GetContactAttributesRequest(AwsLabels.InstanceId(context), AwsLabels.Get(context, nameof(InitialContactId))));
}

internal sealed record ContactAttributesResponse(IReadOnlyDictionary<string, string> Attributes);

internal sealed class GetContactAttributesRequestValidator : AbstractValidator<GetContactAttributesRequest>
{
    public GetContactAttributesRequestValidator()
    {
        RuleFor(r => r.InstanceId).HasLength(AwsMemberLimits.InstanceId);
        RuleFor(r => r.InitialContactId).HasLength(AwsMemberLimits.ContactId);
    }
}

/// <summary>GetContactAttributes: <c>GET /contact/attributes/{InstanceId}/{InitialContactId}</c>.</summary>
internal static class GetContactAttributes
{
    public static Ok<ContactAttributesResponse> Handle(GetContactAttributesRequest request, ChatService chats) =>
        TypedResults.Ok(new ContactAttributesResponse(chats.ViewContact(request.InstanceId, request.InitialContactId).Attributes));
}
