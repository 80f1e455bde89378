using System.Net;
using ConnectMock.Tests.Infrastructure;
using ConnectMock.Tests.Participant.Attachments;

namespace ConnectMock.Tests.ScaleOut;

/// <summary>
/// Chat attachments on three replicas that share one redis-server: started, uploaded, completed and downloaded each
/// through another replica, within one byte budget for them all, oldest out first.
/// </summary>
public sealed class SharedAttachmentsTests(RedisReplicas replicas) : RedisReplicasTest(replicas)
{
    [Fact]
    public async Task Attachment_UploadedThroughOneReplica_DownloadsThroughAnother_ByteForByte()
    {
        var chat = await (await new ChatDriver(On(0)).StartAsync()).ConnectAsync();
        var file = Attachments.RandomFile(3000);

        var started = await chat.StartUploadAsync("report.pdf", "application/pdf", file.Length);
        var id = started.Json.GetProperty("AttachmentId").GetString()!;
        var upload = await On(1).PutAsync(started.Json.GetProperty("UploadMetadata"), file);
        var completed = await Via(2, chat).CompleteAsync(id);
        var got = await Via(1, chat).GetAsync(id);
        var download = await On(2).DownloadAsync(got.Json.GetProperty("Url").GetString()!);
        var listed = (await On(0).ControlAsync(HttpMethod.Get, $"/contacts/{chat.ContactId}/attachments")).Json;

        Assert.Equal(HttpStatusCode.OK, upload.Status);
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal(HttpStatusCode.OK, got.Status);
        Assert.Equal(HttpStatusCode.OK, download.Status);
        Assert.Equal(file, download.Bytes);
        Assert.Equal(id, Assert.Single(listed.GetProperty("attachments").EnumerateArray()).GetProperty("attachmentId").GetString());
    }

    [Fact]
    public async Task Attachments_UploadedThroughEveryReplica_StayWithinOneBudget_OldestOutFirst()
    {
        var chat = await (await new ChatDriver(On(0)).StartAsync()).ConnectAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3 * RedisReplicaFactory.AttachmentBudgetFiles; i++)
        {
            ids.Add(await Via(i % RedisReplicas.Count, chat).SendFileAsync(On((i + 1) % RedisReplicas.Count), $"{i}.txt", "text/plain",
                Attachments.RandomFile(RedisReplicaFactory.AttachmentFileBytes)));
        }

        var usages = await Task.WhenAll(Enumerable.Range(0, RedisReplicas.Count).Select(i => On(i).ControlAsync(HttpMethod.Get, "/attachments")));
        var oldest = await Via(1, chat).GetAsync(ids[0]);
        var newest = await Via(2, chat).GetAsync(ids[^1]);

        Assert.All(usages, usage =>
        {
            Assert.Equal(RedisReplicaFactory.AttachmentBudgetFiles, usage.Json.GetProperty("attachments").GetInt32());
            Assert.Equal(RedisReplicaFactory.AttachmentBudgetFiles * RedisReplicaFactory.AttachmentFileBytes, usage.Json.GetProperty("bytes").GetInt64());
        });
        AwsAssert.Error(oldest, HttpStatusCode.Forbidden, "AccessDeniedException");
        Assert.Equal(HttpStatusCode.OK, newest.Status);
    }

    [Fact]
    public async Task Reset_ThroughAnyReplica_TakesEveryReplicasAttachments()
    {
        var chat = await (await new ChatDriver(On(1)).StartAsync()).ConnectAsync();
        await chat.SendFileAsync(On(1), "a.txt", "text/plain", Attachments.RandomFile(1000));

        await On(2).ControlAsync(HttpMethod.Post, "/reset");
        var usage = (await On(0).ControlAsync(HttpMethod.Get, "/attachments")).Json;

        Assert.Equal(0, usage.GetProperty("attachments").GetInt32());
        Assert.Equal(0, usage.GetProperty("bytes").GetInt64());
    }

    /// <summary>The same participant's connection, its calls sent through replica <paramref name="index"/>.</summary>
    private ChatDriver Via(int index, ChatDriver chat) => chat.Via(On(index));
}
