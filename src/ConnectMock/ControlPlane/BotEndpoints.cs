using System.Text.Json;
using ConnectMock.Aws;
using ConnectMock.Contacts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConnectMock.ControlPlane;

/// <summary>The scripted bot's keyword answers (interactive templates), set at run time; POST /reset restores the configured ones.</summary>
internal static class BotEndpoints
{
    public const string ExampleListPicker =
        """{"templateType":"ListPicker","version":"1.0","data":{"content":{"title":"What can I help you with?","elements":[{"title":"Billing"},{"title":"New service"},{"title":"Cancellation"}]}}}""";

    public static void MapBotEndpoints(this RouteGroupBuilder group)
    {
        group.MapGet("/bot/templates", List).WithName("ListBotTemplates")
            .WithSummary("The bot's keywords and the interactive template each one answers with.");
        group.MapPut("/bot/templates/{keyword}", Set).WithName("PutBotTemplate")
            .WithSummary("The bot answers a customer message that is exactly this keyword (case and spaces around it aside) with this interactive " +
                "template, in chats that declared application/vnd.amazonaws.connect.message.interactive. The body is the template; a malformed " +
                "one is a 400 naming the member.")
            .DocumentsJsonBody<JsonElement>(new Dictionary<string, object> { ["list picker"] = JsonDocument.Parse(ExampleListPicker).RootElement });
        group.MapDelete("/bot/templates/{keyword}", Remove).WithName("RemoveBotTemplate")
            .WithSummary("The bot answers this keyword with its usual reply again.");
    }

    public static JsonHttpResult<BotTemplateList> List(BotTemplates templates, IOptions<ChatOptions> chat)
    {
        var all = templates.All.ToDictionary(t => t.Key, t => JsonDocument.Parse(t.Value).RootElement.Clone(), StringComparer.OrdinalIgnoreCase);
        return TypedResults.Json(new BotTemplateList(all, BotSettingsView.From(chat.Value.Bot)), ControlPlaneJsonContext.Default.BotTemplateList);
    }

    public static NoContent Set(BotTemplates templates, string keyword, BotTemplateSpec body)
    {
        templates.Set(keyword, body.Template);
        return TypedResults.NoContent();
    }

    public static NoContent Remove(BotTemplates templates, string keyword) =>
        templates.Remove(keyword) ? TypedResults.NoContent() : throw ControlPlaneException.NotFound($"The bot has no template for keyword '{keyword.Trim()}'.");
}
