namespace CollabApp;

/// <summary>
/// Every path the app serves or sends people to, in one place: the public ones are part of the contract
/// (docs/protocol.md), and the middleware that treats API, hub and page requests differently must agree with the
/// endpoints on where each begins.
/// </summary>
public static class AppRoutes
{
    /// <summary>The Blazor Server circuit hub (the framework's default path).</summary>
    public const string Circuit = "/_blazor";

    /// <summary>The HTTP API: JSON in and out, problem details on failure, never a page.</summary>
    public static class Api
    {
        public const string Prefix = "/api";
        public const string Auth = "/api/auth";
        public const string Rooms = "/api/rooms";

        public static string Room(string roomId) => $"{Rooms}/{roomId}";

        public static string User(string userId) => $"/api/users/{userId}";
    }

    /// <summary>The SignalR hubs of docs/protocol.md.</summary>
    public static class Hubs
    {
        public const string Prefix = "/hubs";
        public const string Collab = "/hubs/collab";
    }

    /// <summary>What operators and load balancers call.</summary>
    public static class Operations
    {
        public const string Health = "/healthz";
        public const string Ready = "/readyz";
        public const string Metrics = "/metrics";
    }

    /// <summary>The pages people see, and the ones they are sent to.</summary>
    public static class Pages
    {
        public const string Home = "/";
        public const string Rooms = "/rooms";
        public const string RoomTemplate = "/rooms/{RoomId}";
        public const string Admin = "/admin";
        public const string Login = "/account/login";
        public const string Register = "/account/register";
        public const string Logout = "/account/logout";
        public const string Error = "/error";
        public const string NotFound = "/not-found";

        public static string Room(string roomId) => $"{Rooms}/{roomId}";

        public static string LoginReturningTo(string returnUrl) => $"{Login}?returnUrl={Uri.EscapeDataString(returnUrl)}";
    }
}
