using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync.Reporting;

/// <summary>
/// The calendar's automatic freeze, run daily by the scheduler: each cut-off of this school year and the last whose day has
/// ended and that has no snapshot yet is frozen from the last run before it ended. A cut-off before any run stays unfrozen.
/// </summary>
public sealed partial class CutOffFreezer(ReportingCalendar calendar, SnapshotFreezer freezer, NpgsqlDataSource dataSource, TimeProvider clock,
    ILogger<CutOffFreezer> logger)
{
    public const string FrozenBySystem = "system";

    public async Task<IReadOnlyList<FrozenSnapshot>> FreezePassedAsync(CancellationToken cancellationToken)
    {
        var frozen = new List<FrozenSnapshot>();
        foreach (var cutOff in calendar.PassedBy(clock.GetUtcNow()))
        {
            await using var exists = dataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM report_snapshots WHERE cut_off = $1 AND period = $2)");
            exists.Parameters.AddWithValue(cutOff.Day);
            exists.Parameters.AddWithValue(cutOff.Period);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                continue;
            }

            if (await freezer.FreezeAsync(cutOff, cutOff.Ends, FrozenBySystem, cancellationToken) is { } snapshot)
            {
                LogFrozen(snapshot.Id, cutOff.Day, cutOff.Period, snapshot.Schools, snapshot.Items);
                frozen.Add(snapshot);
            }
        }

        return frozen;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Froze report snapshot {SnapshotId} for cut-off {CutOff} ({Period}): {Schools} schools, {Items} open items")]
    private partial void LogFrozen(Guid snapshotId, DateOnly cutOff, string period, int schools, int items);
}
