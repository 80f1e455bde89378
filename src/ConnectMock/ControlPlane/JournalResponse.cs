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
internal sealed class JournalResponse(RequestJournal journal, Func<JournalEntry, bool> filter, long? before, int limit, bool includeBodies)
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
        if (includeBodies && !journal.TryStartBodyRead())
        {
            httpContext.Response.Headers.RetryAfter = "1";
            await ControlPlaneErrorWriter.WriteAsync(httpContext, StatusCodes.Status429TooManyRequests, TooManyReadersMessage, httpContext.RequestAborted);
            return;
        }

        try
        {
            await WriteAsync(httpContext.Response, httpContext.RequestAborted);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away mid-page: nothing is left to answer.
        }
        finally
        {
            if (includeBodies)
            {
                journal.EndBodyRead();
            }
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

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
