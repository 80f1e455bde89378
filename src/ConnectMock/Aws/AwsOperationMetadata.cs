namespace ConnectMock.Aws;

internal static class AwsOperationMetadata
{
    /// <summary>Marks every endpoint of the group as an operation of <paramref name="service"/>, named by its endpoint name.</summary>
    public static RouteGroupBuilder WithAwsOperations(this RouteGroupBuilder group, AwsService service)
    {
        group.WithMetadata(service);
        // Finally: group conventions otherwise run before the endpoint's own WithName.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IEndpointNameMetadata>().FirstOrDefault() is { } name)
            {
                endpoint.Metadata.Add(new AwsOperation(name.EndpointName));
            }
        });
        return group;
    }

    public static RouteHandlerBuilder WithConstraintError(this RouteHandlerBuilder builder, string errorCode) =>
        builder.WithMetadata(new AwsConstraintErrorMetadata(errorCode));

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
}
