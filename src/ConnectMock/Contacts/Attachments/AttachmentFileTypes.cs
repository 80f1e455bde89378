using System.Collections.Frozen;

namespace ConnectMock.Contacts.Attachments;

/// <summary>
/// The files Amazon Connect accepts in a chat (its administrator guide's feature specifications): by MIME type, and
/// by the name's extension, which Connect checks as well.
/// </summary>
internal static class AttachmentFileTypes
{
    /// <summary>The MIME types, with the extensions each stands for.</summary>
    public static readonly FrozenDictionary<string, string[]> ExtensionsByType = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["text/csv"] = [".csv"],
        ["application/msword"] = [".doc"],
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = [".docx"],
        ["image/heic"] = [".heic"],
        ["image/jpeg"] = [".jfif", ".jpeg", ".jpg"],
        ["image/pjpeg"] = [".jfif"],
        ["video/quicktime"] = [".mov"],
        ["video/mp4"] = [".mp4"],
        ["application/pdf"] = [".pdf"],
        ["image/png"] = [".png"],
        ["application/vnd.ms-powerpoint"] = [".ppt"],
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = [".pptx"],
        ["application/rtf"] = [".rtf"],
        ["text/rtf"] = [".rtf"],
        ["text/plain"] = [".txt"],
        ["audio/wav"] = [".wav"],
        ["audio/x-wav"] = [".wav"],
        ["audio/wave"] = [".wav"],
        ["application/vnd.ms-excel"] = [".xls"],
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = [".xlsx"],
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly IReadOnlyList<string> Extensions = [.. ExtensionsByType.Values.SelectMany(e => e).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Whether a content type is one Connect accepts; parameters (<c>; charset=utf-8</c>) are not part of the type.</summary>
    public static bool Allows(string contentType) => ExtensionsByType.ContainsKey(MediaType(contentType));

    public static bool AllowsName(string attachmentName) =>
        Extensions.Contains(Path.GetExtension(attachmentName).ToLowerInvariant());

    private static string MediaType(string contentType)
    {
        var end = contentType.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? contentType : contentType[..end]).Trim();
    }
}
