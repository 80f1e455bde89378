using ConnectMock.Aws;

namespace ConnectMock.ControlPlane.Faults;

/// <summary>
/// Applies injected faults to the AWS operations of a route group. Only AWS groups call it, so faults never touch
/// the control plane. It runs after the body is read (a fault can target an InstanceId) and before validation,
/// as AWS throttles before it validates.
/// </summary>
public static class FaultInjectionFilter
{
    public static RouteGroupBuilder WithFaultInjection(this RouteGroupBuilder group) =>
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var faults = factory.ApplicationServices.GetRequiredService<FaultInjector>();
            return async invocation =>
            {
                var http = invocation.HttpContext;
                var call = AwsCallInfo.Of(http);
                var decision = call?.Operation is { } operation ? faults.Decide(operation, call.InstanceId) : default;
                if (decision.IsNone)
                {
                    return await next(invocation);
                }

                if (decision.LatencyMs > 0)
                {
                    await Task.Delay(decision.LatencyMs, http.RequestAborted);
                }

                if (decision.Drop == DropConnection.BeforeProcessing)
                {
                    return Drop(http, call!);
                }

                if (decision.Error is { } error)
                {
                    // A new exception per call: one shared instance thrown by concurrent requests would have its
                    // stack trace rewritten under the others.
                    throw new AwsServiceException(error.ErrorCode, error.StatusCode, error.Message);
                }

                var result = await next(invocation);
                return decision.Drop == DropConnection.AfterProcessing ? Drop(http, call!) : result;
            };
        });

    private static IResult Drop(HttpContext http, AwsCallInfo call)
    {
        call.ConnectionDropped = true;
        http.Abort();
        return Results.Empty;
    }
}
