namespace ConnectMock.Contacts;

/// <summary>Contact ids as Connect writes them: lowercase UUIDs with hyphens.</summary>
internal static class ContactIds
{
    /// <summary>
    /// Only the exact form the service hands out names a contact; Guid.TryParse alone would also take upper case,
    /// braces or 32 bare digits, which Connect's ids never are.
    /// </summary>
    public static bool TryParse(string? value, out Guid id) =>
        Guid.TryParseExact(value, "D", out id) && string.Equals(value, id.ToString(), StringComparison.Ordinal);
}
