using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConnectMock.ControlPlane;

/// <summary>
/// A page of the request journal, written entry by entry straight to the response: a page with bodies is up to
/// <see cref="RequestJournal.MaxPageBytes"/> of JSON, which is never built whole, and holds one body at a time.
/// The page is <c>{"requests": [...], "nextToken": "..."}</c>; nextToken (the sequence number of its last entry)
/// is there when older matching entries remain.
/// </summary>
internal sealed partial class JournalResponse(RequestJournal journal, Func<JournalEntry, bool> filter, long? before, int limit, bool includeBodies)
    : IResult
{
    public const string TooManyReadersMessage =
        "Too many reads of the journal with includeBodies=true are running: retry shortly, or read without bodies.";

    // Flushed to the client in chunks of about this size, so that what waits in memory stays small.
    private const int FlushBytes = 32 * 1024;

    private static readonly JsonWriterOptions Json = new()
    {
        Indented = ControlPlaneJsonContext.Default.Options.WriteIndented,
        Encoder = ControlPlaneJsonContext.Default.Options.Encoder,
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;
        try
        {
            if (!includeBodies)
            {
                await WriteAsync(httpContext.Response, aborted);
            }
            else if (!await journal.StartBodyReadAsync(aborted))
            {
                httpContext.Response.Headers.RetryAfter = "1";
                await ControlPlaneErrorWriter.WriteAsync(httpContext, StatusCodes.Status429TooManyRequests, TooManyReadersMessage, aborted);
            }
            else
            {
                try
                {
                    await WriteBeforeDeadlineAsync(httpContext);
                }
                finally
                {
                    journal.EndBodyRead();
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away, waiting for a place or mid-page: nothing is left to answer.
        }
    }

    /// <summary>
    /// The page, or a closed connection once <see cref="RequestJournal.BodyReadTimeout"/> has passed: the read holds
    /// a place among few, which a client that stops reading would otherwise keep for as long as its socket stays
    /// open (Kestrel's minimum data rate does not end it). The deadline is real time, as Kestrel's own limits are,
    /// not the app's clock.
    /// </summary>
    private async Task WriteBeforeDeadlineAsync(HttpContext httpContext)
    {
        using var deadline = new CancellationTokenSource(journal.BodyReadTimeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, deadline.Token);
        try
        {
            await WriteAsync(httpContext.Response, either.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogBodyReadTimedOut(httpContext.RequestServices.GetRequiredService<ILogger<JournalResponse>>(), journal.BodyReadTimeout);
            httpContext.Abort();
        }
    }

    private async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        // One more than asked tells whether another page exists.
        var entries = journal.Page(filter, before, limit + 1);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(response.BodyWriter, Json);
        json.WriteStartObject();
        json.WriteStartArray("requests");
        var written = 0;
        while (written < Math.Min(limit, entries.Count)
            && (written == 0 || json.BytesCommitted + json.BytesPending < journal.MaxPageBytes))
        {
            Write(json, entries[written]);
            written++;
            if (json.BytesPending >= FlushBytes)
            {
                await json.FlushAsync(cancellationToken);
                if ((await response.BodyWriter.FlushAsync(cancellationToken)).IsCompleted)
                {
                    return;
                }

                // Kestrel may end a cancelled flush by closing the connection without throwing.
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        json.WriteEndArray();
        if (written < entries.Count)
        {
            json.WriteString("nextToken", entries[written - 1].Sequence.ToString(CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private void Write(Utf8JsonWriter json, JournalEntry entry)
    {
        json.WriteStartObject();
        json.WriteNumber("sequence", entry.Sequence);
        json.WriteString("time", entry.Time);
        json.WriteString("operation", entry.Operation);
        json.WriteString("method", entry.Method);
        json.WriteString("path", ClientText.Show(entry.Path));
        json.WriteNumber("statusCode", entry.StatusCode);
        WriteIfSet(json, "errorName", entry.ErrorName);
        json.WriteNumber("latencyMs", Math.Round(entry.LatencyMs, 3));
        json.WriteString("requestId", entry.RequestId);
        WriteIfSet(json, "clientToken", ClientText.ShowOrNull(entry.ClientToken));
        WriteIfSet(json, "instanceId", ClientText.ShowOrNull(entry.InstanceId));
        json.WriteBoolean("connectionDropped", entry.ConnectionDropped);
        if (entry.RequestBodyBytes is { } bytes)
        {
            json.WriteNumber("requestBodyBytes", bytes);
            if (includeBodies && journal.BodyOf(entry.Sequence) is { Length: > 0 } body)
            {
                WriteBody(json, body, entry.RequestBodyTruncated);
            }
        }

        json.WriteBoolean("requestBodyTruncated", entry.RequestBodyTruncated);
        json.WriteEndObject();
    }

    /// <summary>The body as JSON when it is JSON that can be written back, else as UTF-8 text, else as base64.</summary>
    private static void WriteBody(Utf8JsonWriter json, byte[] body, bool truncated)
    {
        switch (ClientText.FormOf(body, truncated))
        {
            case BodyForm.Json:
                json.WritePropertyName("requestBody");
                json.WriteRawValue(body, skipInputValidation: true);
                break;
            case BodyForm.Text:
                json.WriteString("requestBodyText", Encoding.UTF8.GetString(body));
                break;
            default:
                json.WriteBase64String("requestBodyBase64", body);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A read of the journal with bodies took over {Timeout}; its connection was closed")]
    private static partial void LogBodyReadTimedOut(ILogger log, TimeSpan timeout);

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
