# ConnectMock as a container: build and run it with
#   docker build -t connectmock .
#   docker run --rm -p 8080:8080 connectmock
# It listens on port 8080, runs as the non-root user 'app' and logs JSON lines; configure it with environment
# variables (see docs/configuration.md). The "docker" suite of tests/run.sh builds and checks this file.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# ReadyToRun compiles to native code at build time, so less is JIT-compiled at start (measured in bench/RESULTS.md).
# --build-arg READY_TO_RUN=false builds the plain IL image for comparison.
ARG READY_TO_RUN=true
WORKDIR /src

# Restore in a layer of its own: it reruns only when a project file or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/ConnectMock/ConnectMock.csproj src/ConnectMock/ConnectMock.Packages.props src/ConnectMock/
RUN dotnet restore src/ConnectMock/ConnectMock.csproj --use-current-runtime -p:PublishReadyToRun=$READY_TO_RUN

COPY . .
RUN dotnet publish src/ConnectMock/ConnectMock.csproj -c Release -o /app --no-restore \
        --use-current-runtime --self-contained false -p:PublishReadyToRun=$READY_TO_RUN -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app .

# The base image sets ASPNETCORE_HTTP_PORTS=8080 (all interfaces) and the 'app' user ($APP_UID, 1654).
ENV ConnectMock__Logging__Format=Json
EXPOSE 8080
USER $APP_UID

# The app probes itself (dotnet ConnectMock.dll --healthcheck), so the image needs neither curl nor wget.
# It follows ASPNETCORE_HTTP_PORTS/ASPNETCORE_URLS when they are changed at `docker run`.
HEALTHCHECK --interval=5s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/ConnectMock.dll", "--healthcheck"]

ENTRYPOINT ["dotnet", "ConnectMock.dll"]
