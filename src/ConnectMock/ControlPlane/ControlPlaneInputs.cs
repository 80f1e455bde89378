using System.Globalization;
using ConnectMock.Aws.Validation;

namespace ConnectMock.ControlPlane;

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
        value is null || AwsMemberLimits.IsId(value, limit) ? value : throw ControlPlaneException.BadRequest($"{name} must be {AwsMemberLimits.Describe(limit, awsName)}.");

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

    /// <summary>
    /// A status filter: one code (<c>429</c>) or a class (<c>4xx</c>), as the lowest and highest code it takes; null
    /// for none.
    /// </summary>
    public static (int Lowest, int Highest)? Status(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length == 3 && value[0] is >= '1' and <= '5')
        {
            var hundreds = (value[0] - '0') * 100;
            if (value[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
            {
                return (hundreds, hundreds + 99);
            }

            if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                return (code, code);
            }
        }

        throw ControlPlaneException.BadRequest("status must be an HTTP status code (429) or a class of them (2xx, 4xx, 5xx).");
    }
}
