using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ConnectMock.Testing;

/// <summary>
/// The control plane's live feed, open: read its events as they come with <see cref="ReadAllAsync"/>; dispose it to
/// close the stream (the server counts open feeds against a small limit).
/// </summary>
public sealed class ConnectMockEventFeed : IAsyncDisposable, IDisposable
{
    private readonly HttpResponseMessage _response;

    internal ConnectMockEventFeed(HttpResponseMessage response) => _response = response;

    /// <summary>The events, in the order the server sent them, until the stream ends or is cancelled.</summary>
    public async IAsyncEnumerable<ConnectMockEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                // A blank line ends an event (server-sent events); comments and retry lines make none.
                if (name is not null)
                {
                    using var json = JsonDocument.Parse(data.Length == 0 ? "{}" : data.ToString());
                    yield return new ConnectMockEvent(name, json.RootElement.Clone());
                }

                name = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                name = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line["data:".Length..].TrimStart());
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _response.Dispose();
}
