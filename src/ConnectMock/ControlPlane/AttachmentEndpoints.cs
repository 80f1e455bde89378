using System.Text.RegularExpressions;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConnectMock.ControlPlane;

/// <summary>A chat's files: the simulated agent sends one, a test lists them and reads the bytes that arrived; the scanner's settings.</summary>
internal static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this RouteGroupBuilder group)
    {
        group.MapPost("/contacts/{contactId}/agent/attachments", AgentSendsAsync).WithName("AgentSendAttachment")
            .WithSummary("The agent sends a file (name, contentType, contentBase64): its ATTACHMENT item reaches the customer, who downloads it with GetAttachment.")
            .DocumentsJsonBody<AgentAttachmentSpec>(new Dictionary<string, object>
            {
                ["text file"] = new AgentAttachmentSpec("reply.txt", "text/plain", Convert.ToBase64String("Here is your receipt."u8)),
            });
        group.MapGet("/contacts/{contactId}/attachments", List).WithName("ListAttachments")
            .WithSummary("The chat's attachments, oldest first, from either side, with their phase and scan status.");
        group.MapGet("/attachments/{attachmentId}/content", Content).WithName("GetAttachmentContent")
            .WithSummary("The bytes that arrived for an attachment, whatever its status (rejected ones too).");
        group.MapGet("/attachments", Usage).WithName("GetAttachmentUsage")
            .WithSummary("What the attachment store holds against its budget, and the scanner's settings.");
        group.MapPut("/attachments/scanning", ConfigureScanning).WithName("ConfigureAttachmentScanning")
            .WithSummary("Turns the simulated attachment scanner on or off and sets its rules; members left out keep their values.")
            .DocumentsJsonBody<ScanningSpec>(new Dictionary<string, object>
            {
                ["reject names containing 'virus'"] = new ScanningSpec(true, 500, "(?i)virus"),
                ["off"] = new ScanningSpec(false),
            });
    }

    public static async Task<JsonHttpResult<AttachmentView>> AgentSendsAsync(
        HttpContext http, IContactStore store, AgentSimulation agents, ChatAttachments attachments, string contactId)
    {
        // JSON like every control-plane body (its guard refuses the others, which web pages could send); base64
        // makes a file a third larger, so the limit is the largest file's, not the usual one.
        var max = attachments.Options.MaxFileBytes;
        var spec = await ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.AgentAttachmentSpec, new AgentAttachmentSpec(), (max * 4 / 3) + 4096);
        if (string.IsNullOrEmpty(spec.Name) || string.IsNullOrEmpty(spec.ContentType) || string.IsNullOrEmpty(spec.ContentBase64))
        {
            throw ControlPlaneException.BadRequest("name, contentType and contentBase64 are required: the file's name (with its extension), MIME type and bytes in base64.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(spec.ContentBase64);
        }
        catch (FormatException)
        {
            throw ControlPlaneException.BadRequest("contentBase64 is not base64.");
        }

        var contact = ControlPlaneApi.FindContact(store, contactId);
        var attachment = attachments.Send(contact, agents.Agent(contact), spec.Name, spec.ContentType, bytes);
        return TypedResults.Json(AttachmentView.Of(attachment, bytesHeld: true), ControlPlaneJsonContext.Default.AttachmentView,
            statusCode: StatusCodes.Status201Created);
    }

    public static JsonHttpResult<AttachmentList> List(IContactStore store, AttachmentStore attachments, string contactId)
    {
        var contact = ControlPlaneApi.FindContact(store, contactId);
        return TypedResults.Json(
            new AttachmentList([.. attachments.OfContact(contact.ContactId).Select(a => AttachmentView.Of(a, attachments.Bytes(a.AttachmentId) is not null))]),
            ControlPlaneJsonContext.Default.AttachmentList);
    }

    public static FileContentHttpResult Content(AttachmentStore attachments, string attachmentId)
    {
        var attachment = attachments.Find(attachmentId)
            ?? throw ControlPlaneException.NotFound($"No attachment '{attachmentId}' is held (unknown, gone with its contact, or evicted).");
        var bytes = attachments.Bytes(attachmentId)
            ?? throw ControlPlaneException.NotFound($"The bytes of attachment '{attachmentId}' never arrived.");
        return TypedResults.File(bytes, attachment.ContentType, attachment.AttachmentName);
    }

    public static JsonHttpResult<AttachmentUsage> Usage(AttachmentStore store, AttachmentScanner scanner, ChatAttachments attachments)
    {
        var (count, bytes, maxBytes) = store.Usage;
        var options = attachments.Options;
        return TypedResults.Json(
            new AttachmentUsage(count, bytes, maxBytes, options.MaxFileBytes, options.MaxPerContact, ScanningSpec.Of(scanner.Current)),
            ControlPlaneJsonContext.Default.AttachmentUsage);
    }

    public static JsonHttpResult<ScanningSpec> ConfigureScanning(AttachmentScanner scanner, ScanningSpec spec)
    {
        var current = scanner.Current;
        var next = new AttachmentScanOptions
        {
            Enabled = spec.Enabled ?? current.Enabled,
            DelayMs = spec.DelayMs ?? current.DelayMs,
            // "" clears a rule; left out keeps it.
            RejectNamePattern = spec.RejectNamePattern is null ? current.RejectNamePattern : NullIfEmpty(spec.RejectNamePattern),
            RejectContentMarker = spec.RejectContentMarker is null ? current.RejectContentMarker : NullIfEmpty(spec.RejectContentMarker),
        };
        if (next.DelayMs is < 0 or > 60_000)
        {
            throw ControlPlaneException.BadRequest("delayMs must be between 0 and 60000.");
        }

        if (next.RejectNamePattern?.Length > 1000 || next.RejectContentMarker?.Length > 1000)
        {
            throw ControlPlaneException.BadRequest("rejectNamePattern and rejectContentMarker are at most 1000 characters.");
        }

        try
        {
            scanner.Configure(next);
        }
        catch (RegexParseException e)
        {
            throw ControlPlaneException.BadRequest($"rejectNamePattern is not a regular expression: {e.Error} at offset {e.Offset}.");
        }

        return TypedResults.Json(ScanningSpec.Of(scanner.Current), ControlPlaneJsonContext.Default.ScanningSpec);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
