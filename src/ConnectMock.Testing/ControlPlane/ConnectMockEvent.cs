using System.Text.Json;

namespace ConnectMock.Testing;

/// <summary>
/// One event of the control plane's live feed (<c>GET /_connectmock/events</c>, what the web console shows): its name
/// (<c>ready</c>, <c>contact</c>, <c>item</c>, <c>journal</c>, <c>forgotten</c>, <c>reset</c>) and its JSON data.
/// </summary>
public sealed record ConnectMockEvent(string Name, JsonElement Data);
