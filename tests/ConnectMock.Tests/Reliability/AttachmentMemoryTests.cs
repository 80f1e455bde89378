using System.Globalization;
using System.Net;
using ConnectMock.Tests.Infrastructure;
using ConnectMock.Tests.Participant.Attachments;

namespace ConnectMock.Tests.Reliability;

/// <summary>
/// The attachment budget (ConnectMock:Attachments:MaxBytes) on the real process: ten times the budget uploaded
/// through the signed URLs, and resident memory stays flat.
/// </summary>
public sealed class AttachmentMemoryTests
{
    private const int BudgetBytes = 32 * 1024 * 1024;
    private const int FileBytes = 2 * 1024 * 1024;
    private const int Files = 160; // 320 MiB, ten times the budget

    // A managed heap of 128 MiB: bytes the budget should have let go are then an OutOfMemoryException (a 500 or a
    // broken connection), not a slow climb.
    private const string HeapHardLimit = "0x8000000";

    [Fact]
    public async Task UploadingTenTimesTheBudget_KeepsResidentMemoryFlat()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ConnectMock__Attachments__MaxBytes"] = BudgetBytes.ToString(CultureInfo.InvariantCulture),
            ["ConnectMock__Attachments__MaxPerContact"] = Files.ToString(CultureInfo.InvariantCulture),
            ["DOTNET_GCHeapHardLimit"] = HeapHardLimit,
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        Assert.True(await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), string.Join('\n', app.Output));
        using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var chat = await new ChatDriver(client).StartAsync();
        await chat.ConnectAsync();
        var file = Attachments.RandomFile(FileBytes);

        long warmedUp = 0;
        for (var i = 0; i < Files; i++)
        {
            await chat.SendFileAsync(client, $"{i}.pdf", "application/pdf", file);
            if (i == (3 * BudgetBytes / FileBytes) - 1)
            {
                warmedUp = ResidentBytes(app.Id); // the budget filled three times over: eviction has been running a while
            }
        }

        var usage = (await client.ControlAsync(HttpMethod.Get, "/attachments")).Json;
        var end = ResidentBytes(app.Id);
        Assert.InRange(usage.GetProperty("bytes").GetInt64(), BudgetBytes - FileBytes, BudgetBytes);
        Assert.True(end <= warmedUp * 1.2, $"resident memory grew from {warmedUp >> 20} MiB to {end >> 20} MiB while uploading ten times the budget");
        Assert.Equal(HttpStatusCode.OK, (await chat.GetAsync(
            (await client.ControlAsync(HttpMethod.Get, $"/contacts/{chat.ContactId}/attachments")).Json.GetProperty("attachments").EnumerateArray().Last()
                .GetProperty("attachmentId").GetString()!)).Status);
    }

    private static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
