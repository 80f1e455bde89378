using System.Collections.Frozen;
using System.Globalization;
using ConnectMock.Aws;
using ConnectMock.Aws.Validation;
using ConnectMock.Connect;
using ConnectMock.Participant;
using FluentValidation;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The length limits of the AWS members that control-plane inputs stand for, read from the validators that
/// enforce them on the AWS API, so that the two cannot drift apart.
/// </summary>
internal static class AwsMemberLimits
{
    public static readonly ILengthConstraint InstanceId = Of(new StartChatContactRequestValidator(), nameof(StartChatContactRequest.InstanceId));

    public static readonly ILengthConstraint ContactFlowId = Of(new StartChatContactRequestValidator(), nameof(StartChatContactRequest.ContactFlowId));

    public static readonly ILengthConstraint ClientToken = Of(new StartChatContactRequestValidator(), nameof(StartChatContactRequest.ClientToken));

    public static readonly ILengthConstraint ContactId = Of(new StopContactRequestValidator(), nameof(StopContactRequest.ContactId));

    public static readonly ILengthConstraint DisplayName = Of(new ParticipantDetailsValidator(), nameof(ParticipantDetails.DisplayName));

    /// <summary>A transcript item's id, which is what a read or delivered receipt names as its messageId.</summary>
    public static readonly ILengthConstraint ItemId = Of(new StartPositionValidator(), nameof(StartPosition.Id));

    private static ILengthConstraint Of<T>(IValidator<T> validator, string member) =>
        ((IValidator)validator).CreateDescriptor().GetValidatorsForMember(member).Select(v => v.Validator).OfType<ILengthConstraint>().Single();
}

/// <summary>
/// Checks of control-plane query and path inputs. Numbers and flags are bound as text and read here, so that a bad
/// one is a 400 that names it rather than the framework's anonymous binding failure.
/// </summary>
internal static class ControlPlaneInputs
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>
    /// An identifier within its AWS member's length (at least 1 character, whatever the model's minimum, since an
    /// empty one names nothing), and not only blanks, which no Connect resource is named.
    /// </summary>
    public static string? Id(string? value, string name, ILengthConstraint limit, string awsName) =>
        value is null || IsId(value, limit) ? value : throw ControlPlaneException.BadRequest($"{name} must be {Describe(limit, awsName)}.");

    public static bool IsId(string? value, ILengthConstraint limit) =>
        value is not null && !string.IsNullOrWhiteSpace(value)
        && ConstraintText.CodePoints(value) is var length && length >= Math.Max(1, limit.Min) && length <= (limit.Max ?? int.MaxValue);

    public static string Describe(ILengthConstraint limit, string awsName) =>
        $"{Math.Max(1, limit.Min)} to {limit.Max} characters, as Connect's {awsName}, and not blank";

    public static string? InstanceId(string? value, string name = "instanceId") => Id(value, name, AwsMemberLimits.InstanceId, "InstanceId");

    public static string? ClientToken(string? value) => Id(value, "clientToken", AwsMemberLimits.ClientToken, "ClientToken");

    public static string? ContactFlowId(string? value) => Id(value, "contactFlowId", AwsMemberLimits.ContactFlowId, "ContactFlowId");

    /// <summary>A page size from 1 to <see cref="MaxPageSize"/>; <see cref="DefaultPageSize"/> when left out.</summary>
    public static int PageSize(string? value, string name) =>
        value is null ? DefaultPageSize
        : int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxPageSize ? size
        : throw ControlPlaneException.BadRequest($"{name} must be a whole number from 1 to {MaxPageSize}.");

    /// <summary>A nextToken that this API returned: the positive sequence number of the last item of a page.</summary>
    public static long? Cursor(string? value) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0 ? sequence
        : throw ControlPlaneException.BadRequest("nextToken is not one that this API returned.");

    public static bool Flag(string? value, string name) =>
        value is null ? false
        : bool.TryParse(value, out var flag) ? flag
        : throw ControlPlaneException.BadRequest($"{name} must be true or false.");

    /// <summary>The name of an operation the journal records ("Unknown" for calls to no operation).</summary>
    public static string? Operation(string? value, AwsOperationNames operations) =>
        value is null || operations.Contains(value) || value == AwsOperationNames.Unknown ? value
        : throw ControlPlaneException.BadRequest($"operation must be one of {operations.Listed} or {AwsOperationNames.Unknown}.");

    public static string? RequestId(string? value) =>
        value is null || Guid.TryParse(value, out _) ? value
        : throw ControlPlaneException.BadRequest("requestId must be an x-amzn-RequestId, a UUID.");
}

/// <summary>
/// The names of the AWS operations this server answers, as the journal and faults name them: read from the routes
/// once, when first asked (the routes are all mapped by then), not on every read of the journal or fault checked.
/// </summary>
public sealed class AwsOperationNames(EndpointDataSource endpoints)
{
    public const string Unknown = "Unknown";

    private readonly Lazy<(FrozenSet<string> Names, string Listed)> _names = new(() =>
    {
        string[] names = [.. endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<AwsOperation>()?.Name).OfType<string>().Where(n => n != Unknown).Distinct().Order()];
        return (names.ToFrozenSet(), string.Join(", ", names));
    });

    public bool Contains(string name) => _names.Value.Names.Contains(name);

    /// <summary>The names in order, separated by commas, for error messages.</summary>
    public string Listed => _names.Value.Listed;
}
