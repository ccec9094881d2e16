using System.Security.Claims;
using System.Text.Json;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Service.Access;
using DigitalEdu.Sync.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Apis;

public static class SyncRunsApi
{
    public static RouteGroupBuilder MapSyncRunsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/sync-runs").WithTags("Sync runs");
        group.MapPost("/", StartAsync).RequireAuthorization(Policies.Operate).WithValidation<StartSyncRunRequest>();
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Oversee);

        // Any segment, checked by the binding: "/sync-runs/abc" is a 400 naming id rather than a 404.
        group.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.Oversee);
        return group;
    }

    public static async Task<Accepted<SyncRunAccepted>> StartAsync(
        StartSyncRunRequest request, SyncRunStarter starter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await starter.StartAsync(request, user.Identity?.Name ?? "api", cancellationToken);
        return TypedResults.Accepted($"/api/v1/sync-runs/{run.Id}", new SyncRunAccepted(run.Id, run.Status));
    }

    public static async Task<Results<Ok<SyncRunView>, NotFound>> GetAsync(Guid id, DigitalEduDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.SyncRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? TypedResults.NotFound() : TypedResults.Ok(SyncRunView.From(run));
    }

    public static async Task<Ok<SyncRunView[]>> ListAsync(DigitalEduDbContext db, int? limit, CancellationToken cancellationToken)
    {
        var runs = await db.SyncRuns.AsNoTracking().OrderByDescending(r => r.RequestedAt)
            .Take(Math.Clamp(limit ?? 20, 1, 200)).ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(SyncRunView.From).ToArray());
    }
}

public sealed record SyncRunAccepted(Guid Id, string Status);

public sealed record SyncRunView(
    Guid Id, string Mode, string? SchoolCode, string Status, string RequestedBy, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, JsonElement Counts, string? Error, IReadOnlyList<string> PausedSources)
{
    public static SyncRunView From(SyncRun run) => new(
        run.Id, run.Mode, run.SchoolCode, run.Status, run.RequestedBy, run.RequestedAt, run.StartedAt, run.FinishedAt,
        JsonDocument.Parse(run.Counts).RootElement.Clone(), run.Error, run.PausedSources);
}
