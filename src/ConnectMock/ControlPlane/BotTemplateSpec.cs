using System.Text.Json;
using ConnectMock.Contacts;

namespace ConnectMock.ControlPlane;

/// <summary>The body of <c>PUT /_connectmock/bot/templates/{keyword}</c>: the interactive template itself, as JSON.</summary>
internal sealed record BotTemplateSpec(string Template)
{
    public static async ValueTask<BotTemplateSpec> BindAsync(HttpContext http)
    {
        // Twice the template's own limit, so that a template that is too large is refused by its rule, which says so.
        var element = await ControlPlaneJson.ReadAsync(http, ControlPlaneJsonContext.Default.JsonElement, default, 2L * InteractiveTemplates.MaxBytes);
        return new BotTemplateSpec(element.ValueKind == JsonValueKind.Undefined ? "" : element.GetRawText());
    }
}
