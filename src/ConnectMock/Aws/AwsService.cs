namespace ConnectMock.Aws;

/// <summary>
/// An AWS service ConnectMock serves, with the error names its model uses for the three kinds of failure that
/// every operation can meet. Connect and the Connect Participant Service name them differently.
/// </summary>
/// <param name="Name">The service's sdkId.</param>
/// <param name="ConstraintError">A member breaks a constraint (Connect: InvalidParameterException).</param>
/// <param name="MalformedRequestError">The request cannot be read as a whole (Connect: InvalidRequestException).</param>
/// <param name="InternalError">An unexpected failure (Connect: InternalServiceException).</param>
internal sealed record AwsService(string Name, string ConstraintError, string MalformedRequestError, string InternalError)
{
    public static readonly AwsService Connect = new(
        "Connect", AwsErrors.InvalidParameterName, AwsErrors.InvalidRequestName, AwsErrors.InternalServiceName);

    public static readonly AwsService ConnectParticipant = new(
        "ConnectParticipant", AwsErrors.ValidationName, AwsErrors.ValidationName, AwsErrors.InternalServerName);

    public const string InternalMessage = "An internal error occurred. Try the request again.";

    public AwsServiceException MalformedRequest(string message) => AwsErrors.Of(MalformedRequestError, message);

    public AwsServiceException Internal() => AwsErrors.Of(InternalError, InternalMessage);
}
