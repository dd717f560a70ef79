# syntax=docker/dockerfile:1
# Production image of CollabApp (the Blazor Server host). Build from the repository root:
#   docker build -t collabapp .
#   docker run -p 8080:8080 collabapp                                   # embedded mode (SQLite in /app/data)
#   docker run -p 8080:8080 -v collab-data:/app/data \
#     -e ConnectionStrings__Postgres='Host=db;Username=postgres;Password=...;Database=collab' \
#     -e ConnectionStrings__Redis='redis:6379' -e Collab__InstanceId=a \
#     -e Collab__Auth__SigningKey='<same 32+ char key on every instance>' collabapp   # scaled mode
# The app applies its EF Core migrations at start-up. compose.yaml runs the scaled topology (three instances, nginx,
# Redis, PostgreSQL).

# ---- build ----------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore layer: only what restore reads, so source edits don't invalidate the package cache.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY eng/ThreadPoolWithoutSpinning.props eng/
COPY CollabApp.Core/CollabApp.Core.csproj CollabApp.Core/
COPY CollabApp/CollabApp.csproj CollabApp/
RUN dotnet restore CollabApp/CollabApp.csproj

# Sources. CollabApp.csproj links the top-level wwwroot/ (browser ES modules, styles) as its web root.
COPY CollabApp.Core/ CollabApp.Core/
COPY CollabApp/ CollabApp/
COPY wwwroot/ wwwroot/
RUN dotnet publish CollabApp/CollabApp.csproj -c Release -o /app/publish --no-restore -p:UseAppHost=false

# ---- runtime --------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Collab__DataPath=/app/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# SQLite database and keys of the embedded mode; writable by the non-root app user ($APP_UID from the base image).
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
COPY --from=build /app/publish .
USER $APP_UID
EXPOSE 8080
VOLUME ["/app/data"]
# The image has no curl: bash's /dev/tcp asks /healthz (the process answers; /readyz would also check the stores).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "CollabApp.dll"]
