namespace ConnectMock.Aws;

/// <summary>The modeled errors an operation can return, for its OpenAPI description.</summary>
public sealed record AwsErrorsMetadata(IReadOnlyList<string> ErrorCodes);

/// <summary>The JSON body an operation reads (through its own binding) and example bodies for the documentation.</summary>
public sealed record AwsRequestBodyMetadata(Type RequestType, IReadOnlyDictionary<string, object> Examples);

public static class AwsOperationMetadata
{
    /// <summary>Declares the errors an operation returns: each as a response of its status with the AWS error body.</summary>
    public static RouteHandlerBuilder ProducesAwsErrors(this RouteHandlerBuilder builder, params string[] errorCodes)
    {
        builder.WithMetadata(new AwsErrorsMetadata(errorCodes));
        foreach (var status in errorCodes.Select(AwsErrors.StatusOf).Distinct().Order())
        {
            builder.Produces<AwsErrorBody>(status, "application/json");
        }

        return builder;
    }

    /// <summary>
    /// Documents the JSON body. Unlike <c>Accepts&lt;T&gt;()</c> it does not make routing refuse other content types:
    /// those must reach the operation and get an AWS error, not a 415.
    /// </summary>
    public static RouteHandlerBuilder ReadsAwsJson<TRequest>(this RouteHandlerBuilder builder, IReadOnlyDictionary<string, object> examples) =>
        builder.WithMetadata(new AwsRequestBodyMetadata(typeof(TRequest), examples));
}
