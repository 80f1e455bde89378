using ConnectMock.ControlPlane;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ConnectMock.OpenApi;

/// <summary>Swagger: the OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
internal static class OpenApiSetup
{
    public const string DocumentName = "v1";

    private const string RoutePrefix = "/swagger";

    public static IServiceCollection AddConnectMockOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ConnectMock: Amazon Connect chat API",
                Version = "2017-08-08",
                Description = "The Amazon Connect operations ConnectMock serves, as AWS SDKs call them. " +
                    "Errors follow AWS restJson1: the x-amzn-ErrorType header and a {\"__type\", \"Message\"} body.",
            });
            swagger.DocInclusionPredicate((document, api) => (api.GroupName ?? DocumentName) == document);
            swagger.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "ConnectMock.xml"));
            swagger.SchemaFilter<ValidatorSchemaFilter>();
            swagger.OperationFilter<AwsOperationFilter>();
            swagger.DocumentFilter<ControlPlaneKeyDocumentation>();
        });

        // Switched off, the control plane has no document either.
        services.AddOptions<SwaggerGenOptions>().Configure<IOptions<ControlPlaneOptions>>((swagger, plane) =>
        {
            if (plane.Value.Enabled)
            {
                swagger.SwaggerDoc(ControlPlaneApi.DocumentName, new OpenApiInfo
                {
                    Title = "ConnectMock control plane",
                    Version = "1",
                    Description = "For tests: inspect contacts and calls, reset, inject faults, declare instances. Plain JSON.",
                });
            }
        });
        return services;
    }

    /// <summary>
    /// Swagger's middlewares, built on the first request under /swagger: creating them (and loading Swashbuckle
    /// and Microsoft.OpenApi) was a large part of every start (bench/RESULTS.md, "6. Start time"), which CI suites
    /// that start the mock pay and never use.
    /// </summary>
    public static WebApplication UseConnectMockOpenApi(this WebApplication app)
    {
        IApplicationBuilder pipeline = app;
        pipeline.Use(next =>
        {
            var swagger = new Lazy<RequestDelegate>(() => BuildSwagger(pipeline.New(), next), LazyThreadSafetyMode.ExecutionAndPublication);
            return http => http.Request.Path.StartsWithSegments(RoutePrefix) ? swagger.Value(http) : next(http);
        });
        return app;
    }

    private static RequestDelegate BuildSwagger(IApplicationBuilder branch, RequestDelegate next)
    {
        branch.UseSwagger();
        branch.UseSwaggerUI(ui =>
        {
            ui.DocumentTitle = "ConnectMock";
            ui.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", "Amazon Connect API");
            if (branch.ApplicationServices.GetRequiredService<IOptions<ControlPlaneOptions>>().Value.Enabled)
            {
                ui.SwaggerEndpoint($"/swagger/{ControlPlaneApi.DocumentName}/swagger.json", "ConnectMock control plane");
            }

            ui.DisplayRequestDuration();

            // Open the models far enough that each member's constraints are visible without clicking.
            ui.DefaultModelExpandDepth(3);
            ui.DefaultModelsExpandDepth(1);
        });
        branch.Run(next);
        return branch.Build();
    }
}
