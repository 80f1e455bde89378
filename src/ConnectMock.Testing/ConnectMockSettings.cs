namespace ConnectMock.Testing;

/// <summary>
/// ConnectMock's configuration keys (docs/configuration.md), for <see cref="ConnectMockServerOptions.Settings"/>,
/// the <c>connectmock</c> tool's flags and the container's environment. <see cref="All"/> lists each with its default.
/// </summary>
public static class ConnectMockSettings
{
    public const string StoreProvider = "ConnectMock:Store:Provider";
    public const string StoreRedisConfiguration = "ConnectMock:Store:Redis:Configuration";
    public const string StoreMaxContacts = "ConnectMock:Store:MaxContacts";
    public const string StoreMaxMemoryMegabytes = "ConnectMock:Store:MaxMemoryMegabytes";
    public const string StoreClientTokenLifetime = "ConnectMock:Store:ClientTokenLifetime";
    public const string ApiMaxRequestBodyBytes = "ConnectMock:Api:MaxRequestBodyBytes";
    public const string JournalCapacity = "ConnectMock:Journal:Capacity";
    public const string JournalMaxBodyBytes = "ConnectMock:Journal:MaxBodyBytes";
    public const string JournalMaxPageBytes = "ConnectMock:Journal:MaxPageBytes";
    public const string JournalMaxConcurrentBodyReads = "ConnectMock:Journal:MaxConcurrentBodyReads";
    public const string JournalBodyReadTimeout = "ConnectMock:Journal:BodyReadTimeout";
    public const string ControlPlaneEnabled = "ConnectMock:ControlPlane:Enabled";
    public const string ControlPlaneApiKey = "ConnectMock:ControlPlane:ApiKey";
    public const string ControlPlaneAllowedHostsPrefix = "ConnectMock:ControlPlane:AllowedHosts";
    public const string SeedFile = "ConnectMock:Resources:SeedFile";
    public const string InstancesPrefix = "ConnectMock:Resources:Instances";
    public const string Region = "ConnectMock:Region";
    public const string AccountId = "ConnectMock:AccountId";
    public const string ChatMaxTranscriptItems = "ConnectMock:Chat:MaxTranscriptItems";
    public const string ChatWebSocketBaseUrl = "ConnectMock:Chat:WebSocketBaseUrl";
    public const string ChatMaxSocketsPerParticipant = "ConnectMock:Chat:MaxSocketsPerParticipant";
    public const string ChatMaxOpenSockets = "ConnectMock:Chat:MaxOpenSockets";
    public const string ChatCloseHandshakeTimeout = "ConnectMock:Chat:CloseHandshakeTimeout";
    public const string BotEnabled = "ConnectMock:Chat:Bot:Enabled";
    public const string BotDisplayName = "ConnectMock:Chat:Bot:DisplayName";
    public const string BotGreeting = "ConnectMock:Chat:Bot:Greeting";
    public const string BotReply = "ConnectMock:Chat:Bot:Reply";
    public const string BotDelayMs = "ConnectMock:Chat:Bot:DelayMs";
    public const string BotTemplatesPrefix = "ConnectMock:Chat:Bot:Templates";
    public const string AttachmentsMaxBytes = "ConnectMock:Attachments:MaxBytes";
    public const string AttachmentsMaxFileBytes = "ConnectMock:Attachments:MaxFileBytes";
    public const string AttachmentsMaxPerContact = "ConnectMock:Attachments:MaxPerContact";
    public const string AttachmentsUploadUrlLifetime = "ConnectMock:Attachments:UploadUrlLifetime";
    public const string AttachmentsDefaultDownloadUrlSeconds = "ConnectMock:Attachments:DefaultDownloadUrlSeconds";
    public const string ScanningEnabled = "ConnectMock:Attachments:Scanning:Enabled";
    public const string ScanningDelayMs = "ConnectMock:Attachments:Scanning:DelayMs";
    public const string ScanningRejectNamePattern = "ConnectMock:Attachments:Scanning:RejectNamePattern";
    public const string ScanningRejectContentMarker = "ConnectMock:Attachments:Scanning:RejectContentMarker";
    public const string LoggingFormat = "ConnectMock:Logging:Format";
    public const string LogLevel = "Serilog:MinimumLevel:Default";

    /// <summary>Every single-valued key with its default and meaning; lists and maps are set by index or name under their prefix.</summary>
    public static IReadOnlyList<ConnectMockSetting> All { get; } =
    [
        new(StoreProvider, "InMemory", "Where contacts are kept: InMemory, or Redis (shared by replicas)"),
        new(StoreRedisConfiguration, null, "The Redis server of the Redis store, a StackExchange.Redis configuration string (127.0.0.1:6379)"),
        new(StoreMaxContacts, "50000", "Most contacts kept (1 to 10,000,000); beyond it the oldest are evicted first"),
        new(StoreMaxMemoryMegabytes, "128", "Most memory in MiB (1 to 65,536) the stored contacts may take"),
        new(StoreClientTokenLifetime, "7.00:00:00", "How long a ClientToken returns its contact (1 s to 3650 days)"),
        new(ApiMaxRequestBodyBytes, "1048576", "Largest AWS request body accepted (1,024 to 67,108,864)"),
        new(JournalCapacity, "1000", "AWS calls the request journal keeps (0 to 1,000,000; 0 turns it off)"),
        new(JournalMaxBodyBytes, "65536", "Bytes of each request body the journal keeps (0 to 16,777,216)"),
        new(JournalMaxPageBytes, "4194304", "Where a journal page with bodies ends (65,536 to 268,435,456)"),
        new(JournalMaxConcurrentBodyReads, "4", "Journal reads with bodies at once (1 to 64)"),
        new(JournalBodyReadTimeout, "00:00:30", "How long a journal read with bodies may take (0.1 s to 1 h)"),
        new(ControlPlaneEnabled, "true", "false: /_connectmock answers 404"),
        new(ControlPlaneApiKey, null, "Key every control-plane call must send (X-ConnectMock-Api-Key or Authorization: Bearer)"),
        new(SeedFile, null, "A JSON file of instances to declare at start"),
        new(Region, "us-east-1", "Region in the ARNs DescribeContact returns"),
        new(AccountId, "000000000000", "Account id (12 digits) in the ARNs DescribeContact returns"),
        new(ChatMaxTranscriptItems, "1000", "Most items kept per chat transcript (10 to 100,000)"),
        new(ChatWebSocketBaseUrl, null, "Base of the WebSocket URLs handed out (ws:// or wss://); from the request when unset"),
        new(ChatMaxSocketsPerParticipant, "4", "Live sockets of one participant (1 to 100)"),
        new(ChatMaxOpenSockets, "10000", "Open chat sockets in all (1 to 1,000,000)"),
        new(ChatCloseHandshakeTimeout, "00:00:05", "How long a client has to answer the close frame (0.1 s to 1 min)"),
        new(BotEnabled, "false", "The scripted bot answers in every chat"),
        new(BotDisplayName, "BOT", "The bot's display name"),
        new(BotGreeting, "Hello! This is ConnectMock's bot. Say something and I will echo it.", "What the bot says when a chat starts"),
        new(BotReply, "You said: {message}", "What the bot answers a customer's message ({message} is the message)"),
        new(BotDelayMs, "300", "How long the bot waits before it answers"),
        new(AttachmentsMaxBytes, "268435456", "Bytes of all attachments held at once (1 to 64 GiB)"),
        new(AttachmentsMaxFileBytes, "20971520", "Largest attachment (1 to 1 GiB, at most MaxBytes)"),
        new(AttachmentsMaxPerContact, "35", "Attachments one contact may start (1 to 10,000)"),
        new(AttachmentsUploadUrlLifetime, "00:05:00", "How long an upload URL works (1 s to 7 days)"),
        new(AttachmentsDefaultDownloadUrlSeconds, "300", "A download URL's life when GetAttachment gives none (5 to 300)"),
        new(ScanningEnabled, "false", "The simulated attachment scanner"),
        new(ScanningDelayMs, "1000", "How long a scan takes"),
        new(ScanningRejectNamePattern, null, "A regular expression: matching file names are rejected"),
        new(ScanningRejectContentMarker, null, "Files containing this text are rejected"),
        new(LoggingFormat, "Text", "Text or Json"),
        new(LogLevel, "Information", "Verbose, Debug, Information, Warning, Error or Fatal"),
    ];
}
