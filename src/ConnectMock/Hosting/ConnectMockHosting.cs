using ConnectMock.Aws;
using ConnectMock.Connect;
using ConnectMock.Contacts;
using ConnectMock.Contacts.Attachments;
using ConnectMock.Contacts.Storage;
using ConnectMock.Contacts.Storage.Redis;
using ConnectMock.Contacts.Time;
using ConnectMock.ControlPlane;
using ConnectMock.ControlPlane.Faults;
using ConnectMock.Instances;
using ConnectMock.OpenApi;
using ConnectMock.Participant;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace ConnectMock.Hosting;

/// <summary>Composition of the app: services in <see cref="AddConnectMock"/>, pipeline in <see cref="UseConnectMock"/>.</summary>
internal static class ConnectMockHosting
{
    /// <summary>Where the mock listens when nothing else is configured; the container image sets port 8080 on all interfaces.</summary>
    public const string DefaultUrl = "http://localhost:8080";

    public const string HealthPath = "/health";

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl+C) waits for requests in flight. .NET's 30 s default outlasts the 10 s that
    /// <c>docker stop</c> waits before it kills the process, which then exits 137 instead of 0.
    /// </summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddConnectMock(this WebApplicationBuilder builder)
    {
        builder.AddConnectMockLogging();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Only a default: --urls, Urls, ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS all still win. Putting the URL
        // in appsettings.json instead would silently override ASPNETCORE_URLS, which users reach for first.
        var config = builder.Configuration;
        if (string.IsNullOrEmpty(config["urls"]) && string.IsNullOrEmpty(config["http_ports"]) && string.IsNullOrEmpty(config["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Only a default as well: DOTNET_SHUTDOWNTIMEOUTSECONDS (host setting shutdownTimeoutSeconds) still wins.
        if (string.IsNullOrEmpty(config["shutdownTimeoutSeconds"]))
        {
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = DefaultShutdownTimeout);
        }

        var services = builder.Services;
        services.AddOptions<ConnectOptions>().BindConfiguration(ConnectOptions.Section).ValidatedBy<ConnectOptions, ConnectOptionsValidator>();
        services.AddOptions<AwsApiOptions>().BindConfiguration(AwsApiOptions.Section).ValidatedBy<AwsApiOptions, AwsApiOptionsValidator>();
        services.AddOptions<ContactStoreOptions>().BindConfiguration(ContactStoreOptions.Section).ValidatedBy<ContactStoreOptions, ContactStoreOptionsValidator>()
            .ValidatedBy<ContactStoreOptions, ContactStoreOptionsChecks>();
        services.AddOptions<LoggingOptions>().BindConfiguration(LoggingOptions.Section).ValidatedBy<LoggingOptions, LoggingOptionsValidator>();

        services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section)
            .ValidatedBy<ChatOptions, ChatOptionsValidator>().ValidatedBy<ChatOptions, WebSocketBaseUrlValidator>()
            .ValidatedBy<ChatOptions, ChatBotTemplateChecks>();
        services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.Section).ValidatedBy<ControlPlaneOptions, ControlPlaneOptionsValidator>();
        services.AddHostedService<ControlPlaneExposureWarning>();
        services.AddOptions<JournalOptions>().BindConfiguration(JournalOptions.Section).ValidatedBy<JournalOptions, JournalOptionsValidator>();
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.Section).ValidatedBy<AttachmentOptions, AttachmentOptionsValidator>()
            .ValidatedBy<AttachmentOptions, AttachmentOptionsChecks>();
        services.AddOptions<InstanceOptions>().BindConfiguration(InstanceOptions.Section).ValidatedBy<InstanceOptions, InstanceOptionsValidator>();
        services.AddSingleton<IPostConfigureOptions<InstanceOptions>, InstanceSeedFile>();

        services.AddSingleton(new ClockSource(TimeProvider.System));
        services.AddSingleton<ConnectMockClock>();
        services.AddSingleton<TimeProvider>(s => s.GetRequiredService<ConnectMockClock>());
        services.AddContactStore(config);
        services.AddSingleton<InstanceRegistry>();
        services.AddSingleton<ChatService>();
        services.AddSingleton<AwsJsonBody>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<ConsoleFeed>();
        if (!UsesRedis(config))
        {
            services.AddSingleton<IAwsCallRecorder>(s => s.GetRequiredService<RequestJournal>());
        }
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<AwsOperationNames>();
        services.AddSingleton<ChatTokens>();
        services.AddSingleton<TranscriptPage>();
        services.AddSingleton<ChatSessions>();
        services.AddSingleton<AgentSimulation>();
        services.AddSingleton<FlowMessages>();
        services.AddSingleton<BotTemplates>();
        services.AddSingleton<WebSocketUrls>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentScanner>();
        services.AddSingleton<AttachmentSigner>();
        services.AddSingleton<ChatAttachments>();
        services.AddSingleton<AttachmentUrls>();
        services.AddSingleton<OpenChatSockets>();
        services.AddHostedService<ChatBot>();
        services.AddSingleton<ChatTimers>();
        services.AddHostedService(s => s.GetRequiredService<ChatTimers>());

        // Chat widgets call the Participant Service from pages of other origins; only its routes opt in (a page must
        // not read the control plane, which shows participant tokens). The SDKs read the error name and request id
        // from headers, which browsers hide unless they are exposed.
        services.AddCors(cors => cors.AddPolicy(ParticipantRoutes.CorsPolicy, policy => policy
            .AllowAnyOrigin()
            .AllowAnyHeader()
            .AllowAnyMethod()
            .WithExposedHeaders(AwsCallMiddleware.RequestIdHeader, AwsErrorWriter.ErrorTypeHeader, "ETag")));
        services.AddValidatorsFromAssemblyContaining<StartChatContactRequestValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);

        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ConnectJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, ParticipantJsonContext.Default);
            json.SerializerOptions.PropertyNamingPolicy = null;
            json.SerializerOptions.PropertyNameCaseInsensitive = false;
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Encoder = AwsJsonContext.WireEncoder;
        });

        // Bad requests must reach AwsErrorHandler in every environment, not become an empty 400 outside Development.
        services.Configure<RouteHandlerOptions>(routing => routing.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorResponses>();
        var health = services.AddHealthChecks();
        if (UsesRedis(config))
        {
            health.AddCheck<RedisStoreHealthCheck>("redis-store");
        }
        services.AddConnectMockOpenApi();
        return builder;
    }

    /// <summary>
    /// The store that <c>ConnectMock:Store:Provider</c> names: in memory (the default), or Redis, connected at start
    /// so that an unreachable server fails the start. An unknown provider registers the in-memory store here and
    /// fails the start in the options' validation.
    /// </summary>
    private static void AddContactStore(this IServiceCollection services, IConfiguration config)
    {
        if (UsesRedis(config))
        {
            services.AddSingleton<RedisConnection>();
            services.AddHostedService<RedisStoreStartup>();
            services.AddSingleton<RedisContactStore>();
            services.AddSingleton<RedisChangeFeed>();
            services.AddSingleton<IContactStore>(s => s.GetRequiredService<RedisContactStore>());
            services.AddSingleton<IContactCatalog>(s => s.GetRequiredService<RedisContactStore>());

            // What else a replica holds is shared too (docs/scale-out.md): each keeps a copy, reloaded on every change.
            services.AddSingleton<RedisSharedState>();
            services.AddSingleton<RedisFaultRules>();
            services.AddSingleton<ISharedFaultRules>(s => s.GetRequiredService<RedisFaultRules>());
            services.AddSingleton<RedisClock>();
            services.AddSingleton<RedisSettings>();
            services.AddSingleton<ISharedInstances>(s => s.GetRequiredService<RedisSettings>());
            services.AddSingleton<ISharedKeys, RedisKeys>();
            services.AddSingleton<ISharedWebSocketUrls, RedisWebSocketUrls>();
            services.AddSingleton<RedisAttachments>();
            services.AddSingleton<ISharedAttachments>(s => s.GetRequiredService<RedisAttachments>());
            services.AddSingleton<RedisRequestJournal>();
            services.AddSingleton<ISharedJournal>(s => s.GetRequiredService<RedisRequestJournal>());
            services.AddSingleton<IAwsCallRecorder>(s => s.GetRequiredService<RedisRequestJournal>());
            services.AddHostedService<RedisSharedStateStartup>();
            return;
        }

        services.AddSingleton<InMemoryContactStore>();
        services.AddSingleton<IContactStore>(s => s.GetRequiredService<InMemoryContactStore>());
        services.AddSingleton<IContactCatalog>(s => s.GetRequiredService<InMemoryContactStore>());
    }

    private static bool UsesRedis(IConfiguration config) =>
        string.Equals(config[$"{ContactStoreOptions.Section}:Provider"], ContactStoreOptions.RedisProvider, StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseConnectMock(this WebApplication app)
    {
        // Before the rest: a chat socket is served once they have returned, rather than inside each of them.
        app.Use(ChatWebSocket.ServeAccepted);
        app.UseMiddleware<AwsCallMiddleware>();
        app.UseConnectMockRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages(ErrorResponses.WriteStatusCodeAsync);
        app.UseControlPlaneGuard();
        app.UseCors();
        // Only where the chat's socket is served: the middleware gives every request it sees a handshake feature.
        app.UseWhen(http => http.Request.Path.StartsWithSegments(WebSocketUrls.Path), socket => socket.UseWebSockets());
        app.UseConnectMockOpenApi();

        app.MapHealthChecks(HealthPath).WithName("Health");
        // The services' groups nest in one that applies the control plane's faults: its filters run before theirs,
        // so a fault comes before validation, as AWS throttles before it validates.
        var aws = app.MapGroup("").WithFaultInjection();
        aws.MapConnectApi();
        aws.MapParticipantApi();
        if (app.Services.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.Enabled)
        {
            app.MapControlPlaneApi().RequireControlPlaneGuard();
            app.MapConsolePages();
        }
        else
        {
            // Switched off, its paths answer 404 as unknown ones do, but stay out of the journal, as they do when it is
            // on: they are no calls meant for AWS, and through the fallback below any page could write into the
            // journal with a form POST to one.
            app.Map(ControlPlaneApi.Prefix + "/{**path}", http => throw AwsErrors.UnknownOperation(http.Request.Method, http.Request.Path))
                .WithName("ControlPlaneSwitchedOff")
                .ExcludeFromDescription();
        }

        // Calls meant for AWS that no operation serves; journaled like the served ones, to show what a client tried.
        app.MapFallback(http => throw AwsErrors.UnknownOperation(http.Request.Method, http.Request.Path))
            .WithName("Unknown")
            .WithMetadata(new AwsOperation("Unknown"));
        return app;
    }
}
