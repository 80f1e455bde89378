using System.Diagnostics;
using ConnectMock.Aws;

namespace ConnectMock.ControlPlane.Faults;

/// <summary>
/// Applies injected faults to the AWS operations of a route group. Only AWS groups call it, so faults never touch
/// the control plane. It runs after the body is read (a fault can target an InstanceId) and before validation,
/// as AWS throttles before it validates. A call whose body cannot be read at all meets the faults too, those that
/// do not name an InstanceId: throttling does not wait for a well-formed request.
/// </summary>
internal static class FaultInjectionFilter
{
    public static RouteGroupBuilder WithFaultInjection(this RouteGroupBuilder group)
    {
        group.AddEndpointFilterFactory((factory, next) =>
        {
            var faults = factory.ApplicationServices.GetRequiredService<FaultInjector>();
            return invocation =>
            {
                var call = AwsCallInfo.Of(invocation.HttpContext);
                var decision = call?.Operation is { } operation ? faults.Decide(operation, call.InstanceId) : default;

                // Not async itself: a call without a fault goes straight on, with no frame of this filter's around it.
                return decision.IsNone ? next(invocation) : WithFaultAsync(invocation, next, call!, decision);
            };
        });

        // Binding happens before any endpoint filter runs, so a body that fails to bind never reaches the filter
        // above; wrapping the endpoint's delegate gives those calls their faults as well. Only a call that has not
        // already succeeded is awaited, so that the calls served at once, on the measured path (bench/RESULTS.md),
        // pay no async frame for the failures' sake.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            var faults = endpoint.ApplicationServices.GetRequiredService<FaultInjector>();
            endpoint.RequestDelegate = http =>
            {
                Task served;
                try
                {
                    served = inner(http);
                }
                catch (Exception ex)
                {
                    served = Task.FromException(ex);
                }

                return served.IsCompletedSuccessfully ? served : WithUnreadableBodyFaultsAsync(served, http, faults);
            };
        });
        return group;
    }

    private static async ValueTask<object?> WithFaultAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, AwsCallInfo call, FaultDecision decision)
    {
        var http = invocation.HttpContext;
        if (!await BeforeProcessingAsync(http, call, decision))
        {
            return Results.Empty;
        }

        var result = await next(invocation);
        return decision.Drop == DropConnection.AfterProcessing ? Drop(http, call) : result;
    }

    /// <summary>The call as served, unless its body could not be read and a fault for its operation takes its place.</summary>
    private static async Task WithUnreadableBodyFaultsAsync(Task served, HttpContext http, FaultInjector faults)
    {
        try
        {
            await served;
        }
        catch (Exception) when (AwsCallInfo.Of(http) is { BodyUnreadable: true, Operation: not null })
        {
            var call = AwsCallInfo.Of(http)!;
            var decision = faults.Decide(call.Operation!, instanceId: null);
            if (decision.IsNone)
            {
                throw;
            }

            if (!await BeforeProcessingAsync(http, call, decision))
            {
                return;
            }

            // The unreadable body's error is what processing answers; a drop after it is a drop all the same.
            if (decision.Drop == DropConnection.AfterProcessing)
            {
                Drop(http, call);
                return;
            }

            throw;
        }
    }

    /// <summary>Waits, then drops or fails the call as decided; false when the connection was dropped.</summary>
    private static async Task<bool> BeforeProcessingAsync(HttpContext http, AwsCallInfo call, FaultDecision decision)
    {
        if (decision.LatencyMs > 0)
        {
            // The timer behind Task.Delay works in whole milliseconds of another clock and can end just short of the
            // time a Stopwatch (the client's, too) measures; the fault promises at least its latency.
            var started = Stopwatch.GetTimestamp();
            await Task.Delay(decision.LatencyMs, http.RequestAborted);
            while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < decision.LatencyMs)
            {
                await Task.Delay(1, http.RequestAborted);
            }
        }

        if (decision.Drop == DropConnection.BeforeProcessing)
        {
            Drop(http, call);
            return false;
        }

        if (decision.Error is { } error)
        {
            throw error.ToException();
        }

        return true;
    }

    private static IResult Drop(HttpContext http, AwsCallInfo call)
    {
        call.ConnectionDropped = true;
        http.Abort();
        return Results.Empty;
    }
}
