using ConnectMock.Aws;
using ConnectMock.Aws.Validation;

namespace ConnectMock.Participant;

/// <summary>
/// The <c>X-Amz-Bearer</c> header, the only thing that authenticates a Participant Service call: SDKs sign these
/// calls with SigV4 anyway (chatjs with an empty key), and the real service ignores that signature, so ConnectMock
/// does too.
/// </summary>
internal static class BearerToken
{
    public const string Header = "X-Amz-Bearer";

    /// <summary>
    /// The token in X-Amz-Bearer; a missing or oversized one breaks the model's constraints on that member, reported
    /// as any other member is, without echoing the token.
    /// </summary>
    public static string Read(string? value, string member)
    {
        var clause = value is null ? ConstraintText.NotNull : ConstraintText.Length(ConstraintText.CodePoints(value), 1, 1000);
        if (clause is null)
        {
            return value!;
        }

        var failure = AwsValidationFailures.Constraint(member, clause, value);
        if (value is not null)
        {
            failure.CustomState = AwsValidationFailures.Redacted;
        }

        throw AwsValidationFailures.ToException([failure], AwsService.ConnectParticipant);
    }
}
