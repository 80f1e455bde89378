using System.Net;
using System.Text.Json;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Participant.Attachments;

/// <summary>The simulated attachment scanner: configured at start here, changed through the control plane.</summary>
public sealed class AttachmentScanningTests(AttachmentScanningFactory app) : ConnectMockTest<AttachmentScanningFactory>(app)
{
    [Fact]
    public async Task CleanFile_ReachesTheChatApproved_OnlyOnceScanned()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await chat.SendFileAsync(Client, "photo.png", "image/png", [1, 2, 3]);

        var whileScanning = await chat.GetAsync(id);
        var itemsBefore = await AttachmentItemsAsync(chat);
        App.Clock.Advance(TimeSpan.FromMilliseconds(AttachmentScanningFactory.DelayMs));
        var item = Assert.Single(await AttachmentItemsAsync(chat));

        Assert.Contains("being scanned", AwsAssert.Error(whileScanning, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
        Assert.Empty(itemsBefore);
        Assert.Equal("APPROVED", item.GetProperty("Attachments")[0].GetProperty("Status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await chat.GetAsync(id)).Status);
    }

    [Theory]
    [InlineData("VIRUS-report.txt", "clean")]
    [InlineData("notes.txt", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR")]
    public async Task FileMatchingARule_ReachesTheChatRejected_AndCannotBeDownloaded(string name, string content)
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await chat.SendFileAsync(Client, name, "text/plain", System.Text.Encoding.UTF8.GetBytes(content));
        await using var socket = await chat.OpenSocketAsync();

        App.Clock.Advance(TimeSpan.FromMilliseconds(AttachmentScanningFactory.DelayMs));
        var pushed = await socket.NextItemAsync();
        var get = await chat.GetAsync(id);
        var held = await Client.SendAsync(HttpMethod.Get, $"/_connectmock/attachments/{id}/content");

        Assert.Equal("REJECTED", pushed.GetProperty("Attachments")[0].GetProperty("Status").GetString());
        Assert.Contains("rejected", AwsAssert.Error(get, HttpStatusCode.BadRequest, "ValidationException"), StringComparison.Ordinal);
        Assert.Equal(content, held.Body); // a test can still read what arrived
    }

    [Fact]
    public async Task Complete_WhileScanning_WithAnotherClientToken_IsAConflict()
    {
        var chat = await (await NewChat().StartAsync()).ConnectAsync();
        var id = await chat.SendFileAsync(Client, "a.txt", "text/plain", [1]);

        var response = await chat.CompleteAsync(id, "another");

        Assert.Contains("already being completed", AwsAssert.Error(response, HttpStatusCode.Conflict, "ConflictException"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlPlane_ChangesTheRules_AndABadPatternIsA400()
    {
        try
        {
            var set = await Client.SendAsync(HttpMethod.Put, "/_connectmock/attachments/scanning", Wire.Json("""{"rejectNamePattern":"^secret"}"""));
            var bad = await Client.SendAsync(HttpMethod.Put, "/_connectmock/attachments/scanning", Wire.Json("""{"rejectNamePattern":"(unclosed"}"""));
            var chat = await (await NewChat().StartAsync()).ConnectAsync();
            await chat.SendFileAsync(Client, "secret.txt", "text/plain", [1]);
            await chat.SendFileAsync(Client, "virus.txt", "text/plain", [1]);
            App.Clock.Advance(TimeSpan.FromMilliseconds(AttachmentScanningFactory.DelayMs));

            Assert.Equal(HttpStatusCode.OK, set.Status);
            Assert.Equal("^secret", set.Json.GetProperty("rejectNamePattern").GetString());
            Assert.True(set.Json.GetProperty("enabled").GetBoolean()); // left out: kept
            Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
            Assert.Contains("rejectNamePattern", bad.Body, StringComparison.Ordinal);
            // Both scans end at the same moment: the items may come in either order.
            var statusByName = (await AttachmentItemsAsync(chat)).Select(i => i.GetProperty("Attachments")[0])
                .ToDictionary(a => a.GetProperty("AttachmentName").GetString()!, a => a.GetProperty("Status").GetString());
            Assert.Equal("REJECTED", statusByName["secret.txt"]);
            Assert.Equal("APPROVED", statusByName["virus.txt"]);
        }
        finally
        {
            await Client.SendAsync(HttpMethod.Put, "/_connectmock/attachments/scanning", Wire.Json($$"""{"rejectNamePattern":"{{AttachmentScanningFactory.NamePattern}}"}"""));
        }
    }

    [Fact]
    public async Task Reset_PutsTheScannerBackToItsConfiguration_AndAnEmptyRuleClearsIt()
    {
        var cleared = await Client.SendAsync(HttpMethod.Put, "/_connectmock/attachments/scanning", Wire.Json("""{"enabled":false,"rejectNamePattern":""}"""));

        await Client.SendAsync(HttpMethod.Post, "/_connectmock/reset");
        var after = (await Client.SendAsync(HttpMethod.Get, "/_connectmock/attachments")).Json.GetProperty("scanning");

        Assert.False(cleared.Json.TryGetProperty("rejectNamePattern", out _));
        Assert.True(after.GetProperty("enabled").GetBoolean());
        Assert.Equal(AttachmentScanningFactory.NamePattern, after.GetProperty("rejectNamePattern").GetString());
    }

    private static async Task<List<JsonElement>> AttachmentItemsAsync(ChatDriver chat) =>
        [.. (await chat.TranscriptAsync()).Where(i => i.GetProperty("Type").GetString() == "ATTACHMENT")];
}

public sealed class AttachmentScanningFactory : ConnectMockFactory
{
    public const int DelayMs = 2000;
    public const string NamePattern = "(?i)virus";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("ConnectMock:Attachments:Scanning:Enabled", "true"),
        new("ConnectMock:Attachments:Scanning:DelayMs", DelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("ConnectMock:Attachments:Scanning:RejectNamePattern", NamePattern),
        new("ConnectMock:Attachments:Scanning:RejectContentMarker", "EICAR"),
    ];
}
