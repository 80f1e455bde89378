using System.Text.Json;

namespace ConnectMock.ControlPlane;

/// <summary>The bot's keywords and the interactive template each answers with, and its settings as configured (read only).</summary>
internal sealed record BotTemplateList(IReadOnlyDictionary<string, JsonElement> Templates, BotSettingsView? Bot = null);
