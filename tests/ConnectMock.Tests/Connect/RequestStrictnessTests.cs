using System.Net;
using System.Text;
using ConnectMock.Tests.Infrastructure;

namespace ConnectMock.Tests.Connect;

/// <summary>
/// What ConnectMock accepts beyond the letter of restJson1, and what it refuses, decided against what AWS does so
/// that a client tested against ConnectMock does not fail against AWS.
/// </summary>
public sealed class RequestStrictnessTests(ConnectMockFactory app) : ConnectMockTest<ConnectMockFactory>(app)
{
    [Theory]
    [InlineData("PUT", "/CONTACT/CHAT")]
    [InlineData("PUT", "/Contact/chat")]
    [InlineData("PUT", "/contact/chat/")]
    [InlineData("POST", "/contact/stop/")]
    [InlineData("POST", "/Contact/attributes")]
    [InlineData("GET", "/CONTACTS/i/c")]
    [InlineData("GET", "/contacts/i/c/")]
    [InlineData("POST", "/PARTICIPANT/connection")]
    [InlineData("POST", "/participant/message/")]
    public async Task AwsOperation_PathInAnotherCaseOrWithATrailingSlash_IsAnUnknownOperation(string method, string path)
    {
        var response = await Client.SendAsync(new HttpMethod(method), path, Wire.Json(Requests.Minimal().ToJsonString()));

        var message = AwsAssert.Error(response, HttpStatusCode.NotFound, "UnknownOperationException");
        Assert.Equal($"ConnectMock serves no operation at {method} {path}.", message);
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_DuplicateMember_TheLastOneWins()
    {
        var body = Requests.Minimal().ToJsonString().Replace(
            "\"ContactFlowId\":", "\"ContactFlowId\":\"\",\"ContactFlowId\":", StringComparison.Ordinal);

        AwsAssert.Started(await Client.StartChatAsync(body));
    }

    [Fact]
    public async Task StartChatContact_Utf8ByteOrderMark_IsSkipped()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Requests.Minimal().ToJsonString())];

        AwsAssert.Started(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, "application/json")));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    [InlineData("application/json; charset=utf8")]
    public async Task StartChatContact_Utf8Charset_IsAccepted(string contentType)
    {
        var body = Encoding.UTF8.GetBytes(Requests.Minimal().ToJsonString());

        AwsAssert.Started(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, contentType)));
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public async Task StartChatContact_CharsetOtherThanUtf8_IsAnInvalidRequest(string charset)
    {
        var body = Encoding.UTF8.GetBytes(Requests.Minimal().ToJsonString());

        var response = await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, Wire.Raw(body, $"application/json; charset={charset}"));

        Assert.Equal(
            $"Content-Type charset '{charset}' is not supported: send the request body as UTF-8.",
            AwsAssert.InvalidRequest(response));
        Assert.Equal(0, App.Store.Count);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("identity, br")]
    public async Task StartChatContact_CompressedBody_IsUnsupportedMediaType(string encoding)
    {
        var content = Wire.Json(Requests.Minimal().ToJsonString());
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        var response = await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, content);

        var message = AwsAssert.Error(response, HttpStatusCode.UnsupportedMediaType, "InvalidRequestException");
        Assert.Equal($"Content-Encoding '{encoding.Split(", ")[^1]}' is not supported: send the request body uncompressed.", message);
        Assert.Equal(0, App.Store.Count);
    }

    [Fact]
    public async Task StartChatContact_IdentityContentEncoding_IsAccepted()
    {
        var content = Wire.Json(Requests.Minimal().ToJsonString());
        content.Headers.ContentEncoding.Add("identity");

        AwsAssert.Started(await Client.SendAsync(HttpMethod.Put, Wire.ChatPath, content));
    }

    [Fact]
    public async Task SendMessage_CompressedBody_IsAParticipantValidationError()
    {
        var content = Wire.Json("""{"ContentType":"text/plain","Content":"hi"}""");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await Client.SendAsync(HttpMethod.Post, "/participant/message", content);

        AwsAssert.Error(response, HttpStatusCode.UnsupportedMediaType, "ValidationException");
    }

    [Fact]
    public async Task StartChatContact_NestingDeeperThanTheLimit_SaysSoAndNamesTheLimit()
    {
        var body = string.Concat(Enumerable.Repeat("""{"a":""", 65)) + "1" + new string('}', 65);

        var message = AwsAssert.InvalidRequest(await Client.StartChatAsync(body));

        Assert.Equal("The request body nests JSON objects and arrays deeper than the limit of 64 levels, at line 1, byte 321.", message);
    }

    [Fact]
    public async Task StartChatContact_NestingAtTheLimit_IsRead()
    {
        var body = string.Concat(Enumerable.Repeat("""{"a":""", 64)) + "1" + new string('}', 64);

        var message = AwsAssert.InvalidParameter(await Client.StartChatAsync(body));

        Assert.StartsWith("3 validation errors detected", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"InstanceId":5}""")]
    [InlineData("[]")]
    public async Task Fault_ForTheOperation_FiresWhenTheBodyCannotBeRead(string body)
    {
        await AddFaultAsync("""{"operation":"StartChatContact","error":"ThrottlingException","count":1}""");

        var faulted = await Client.StartChatAsync(body);
        var after = await Client.StartChatAsync(body);

        Assert.Equal("Rate exceeded", AwsAssert.Error(faulted, HttpStatusCode.TooManyRequests, "ThrottlingException"));
        AwsAssert.InvalidRequest(after);
    }

    [Fact]
    public async Task Fault_ForTheOperation_FiresWhenTheContentTypeIsRefused()
    {
        await AddFaultAsync("""{"operation":"SendMessage","error":"ThrottlingException","count":1}""");

        var response = await Client.SendAsync(HttpMethod.Post, "/participant/message", Wire.Raw("x"u8.ToArray(), "text/plain"));

        AwsAssert.Error(response, HttpStatusCode.TooManyRequests, "ThrottlingException");
    }

    [Fact]
    public async Task Fault_DroppingTheConnection_DropsItWhenTheBodyCannotBeRead()
    {
        await AddFaultAsync("""{"operation":"StartChatContact","dropConnection":"BeforeProcessing","count":1}""");

        await Assert.ThrowsAnyAsync<Exception>(() => Client.StartChatAsync("{"));
        AwsAssert.InvalidRequest(await Client.StartChatAsync("{"));
    }

    [Fact]
    public async Task Fault_ForOneInstance_DoesNotFireWhenTheBodyCannotBeRead()
    {
        await AddFaultAsync("""{"instanceId":"throttled","error":"ThrottlingException","count":1}""");

        var unreadable = await Client.StartChatAsync("""{"InstanceId":"throttled",""");

        AwsAssert.InvalidRequest(unreadable);
        Assert.Single((await Client.ControlAsync(HttpMethod.Get, "/faults")).Json.GetProperty("faults").EnumerateArray());
    }

    private async Task AddFaultAsync(string json)
    {
        var response = await Client.ControlAsync(HttpMethod.Post, "/faults", json);
        Assert.True(response.Status == HttpStatusCode.Created, response.Body);
    }
}
