using Microsoft.OpenApi;

namespace ConnectMock.OpenApi;

/// <summary>Swagger: the OpenAPI document at /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
public static class OpenApiSetup
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddConnectMockOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = "ConnectMock: Amazon Connect chat API",
                Version = "2017-08-08",
            });
            swagger.IncludeXmlComments(Path.Combine(AppContext.BaseDirectory, "ConnectMock.xml"));
            swagger.SchemaFilter<ValidatorSchemaFilter>();
            swagger.OperationFilter<AwsOperationFilter>();
        });
        return services;
    }

    public static WebApplication UseConnectMockOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui =>
        {
            ui.DocumentTitle = "ConnectMock";
            ui.DisplayRequestDuration();
        });
        return app;
    }
}
