using System.Text;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>
/// The web console: its files at <c>/</c> and <see cref="ConsoleAssets.Path"/>, and the control-plane calls only it
/// needs (its live feed, a template check). Everything else it shows and does goes through the control plane's
/// existing endpoints, so a chat sees from the console exactly what it sees from a test.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>A comment line now and then keeps proxies and the browser from closing an idle stream.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(15);

    /// <summary>The control-plane calls of the console, inside the guarded group.</summary>
    public static void MapConsoleApi(this RouteGroupBuilder group)
    {
        group.MapGet("/events", EventsAsync).WithName("ConsoleEvents")
            .WithSummary("Server-sent events for the web console: contact (a contact stored or changed, as in /contacts), item (an item its chat " +
                "posted, typing and receipts included, as GetTranscript shows items), journal (new calls were recorded), forgotten, reset.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        group.MapGet("/operations", (AwsOperationNames operations) =>
                TypedResults.Json(new OperationList(operations.All), ControlPlaneJsonContext.Default.OperationList))
            .WithName("ListOperations")
            .WithSummary("The AWS operations this server answers, by the names the journal and faults use.");
        group.MapPost("/templates/check", CheckTemplate).WithName("CheckInteractiveTemplate")
            .WithSummary("Whether a body is an interactive template the agent may send: {\"valid\":true} or the problem, naming the member.")
            .Accepts<System.Text.Json.JsonElement>("application/json");
    }

    /// <summary>The console's page at / and its files under /_connectmock/console/, guarded like the control plane but without the key.</summary>
    public static void MapConsolePages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", (HttpContext http) => Serve(http, ConsoleAssets.Page)).WithName("ConsoleRoot")
            .ExcludeFromDescription().RequireControlPlaneGuardWithoutKey();
        routes.MapGet(ConsoleAssets.Path, (HttpContext http) => Serve(http, ConsoleAssets.Page)).WithName("ConsolePage")
            .ExcludeFromDescription().RequireControlPlaneGuardWithoutKey();
        routes.MapGet(ConsoleAssets.Path + "/{file}", (HttpContext http, string file) => Serve(http, file.Length == 0 ? ConsoleAssets.Page : file))
            .WithName("ConsoleFile").ExcludeFromDescription().RequireControlPlaneGuardWithoutKey();
    }

    private static IResult Serve(HttpContext http, string name)
    {
        var asset = ConsoleAssets.Find(name) ?? throw ControlPlaneException.NotFound($"The web console has no file '{name}'.");
        var headers = http.Response.Headers;
        headers.CacheControl = "no-cache"; // revalidated by ETag: a new build's console is seen at once
        headers.ETag = asset.ETag;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ConsoleAssets.ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (http.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    public static JsonHttpResult<TemplateCheck> CheckTemplate(System.Text.Json.JsonElement template)
    {
        var problem = InteractiveTemplates.Problem(template.GetRawText());
        return TypedResults.Json(new TemplateCheck(problem is null, problem), ControlPlaneJsonContext.Default.TemplateCheck);
    }

    public static async Task EventsAsync(HttpContext http, ConsoleFeed feed, IHostApplicationLifetime lifetime)
    {
        using var subscription = feed.Subscribe() ?? throw new ControlPlaneException(
            StatusCodes.Status429TooManyRequests, $"{ConsoleFeed.MaxSubscribers} consoles are connected already: close one first.");
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // a reverse proxy must not hold the stream back
        // A stopping server ends the stream at once: it would otherwise hold the shutdown until its timeout.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancel = ended.Token;
        var events = subscription.Events;
        var text = new StringBuilder();
        try
        {
            // The first event tells the console the feed is live: it loads the state then, so nothing falls between.
            await WriteAsync(response, "retry: 2000\nevent: ready\ndata: {}\n\n", cancel);
            while (!cancel.IsCancellationRequested)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                idle.CancelAfter(KeepAliveInterval);
                bool more;
                try
                {
                    more = await events.WaitToReadAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    await WriteAsync(response, ": keep-alive\n\n", cancel);
                    continue;
                }

                if (!more)
                {
                    return; // the console fell behind (or the server stops): it reconnects and reloads
                }

                text.Clear();
                while (events.TryRead(out var next))
                {
                    if (next.Name == "journal")
                    {
                        subscription.JournalRead();
                    }

                    Append(text, next);
                }

                await WriteAsync(response, text.ToString(), cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The console went away, or the server stops.
        }
    }

    private static void Append(StringBuilder text, ConsoleEvent item)
    {
        text.Append("event: ").Append(item.Name).Append('\n');
        foreach (var line in item.Data.Split('\n'))
        {
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        }

        text.Append('\n');
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancel)
    {
        await response.WriteAsync(text, cancel);
        await response.Body.FlushAsync(cancel);
    }
}
