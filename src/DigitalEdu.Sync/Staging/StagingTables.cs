using DigitalEdu.Sync.Staging;
using Npgsql;

namespace DigitalEdu.Sync.Staging;

/// <summary>
/// A run's staging tables: pages are appended to them by binary COPY, without indexes, and the run applies them to the stored
/// records in one step once its pulls are done (<see cref="StagedRecordsApplier"/>). Each has exactly the columns of the table
/// it stages for, so a full province run can index it and put it in that table's place.
/// </summary>
public static class StagingTables
{
    public static string Persons(Guid runId) => $"stage_persons_{runId:N}";

    public static string HealthExams(Guid runId) => $"stage_health_exams_{runId:N}";

    /// <summary>
    /// What an incremental run changed, written by its apply for its reconcile (which drops it): the records it staged (by the
    /// digits and MOET code they hold, or by key when they hold neither), the digits and codes they held before, and the SMS
    /// records whose provincial copy or exams it staged.
    /// </summary>
    public static string Seeds(Guid runId) => $"stage_seeds_{runId:N}";

    /// <summary>
    /// Creates the run's staging tables unless they exist: at planning, and again when a batch of an applied run is re-run.
    /// Autovacuum is off while they fill: analysing a half-loaded table is wasted work, and the apply analyses what it needs.
    /// They are filled as the stored tables are (<see cref="DigitalEdu.Data.Configurations.StoredPersonConfiguration.StoredFillFactor"/>), since
    /// a full province run puts them in those tables' place (LIKE does not copy storage parameters).
    /// </summary>
    public static async Task CreateAsync(NpgsqlConnection connection, Guid runId, CancellationToken cancellationToken)
    {
        var storage = $"autovacuum_enabled = false, fillfactor = {DigitalEdu.Data.Configurations.StoredPersonConfiguration.StoredFillFactor}";
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TABLE IF NOT EXISTS {Persons(runId)} (LIKE person_records INCLUDING ALL EXCLUDING INDEXES) WITH ({storage});
            CREATE TABLE IF NOT EXISTS {HealthExams(runId)} (LIKE health_exams INCLUDING ALL EXCLUDING INDEXES) WITH ({storage});
            """, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task CreateAsync(NpgsqlDataSource dataSource, Guid runId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CreateAsync(connection, runId, cancellationToken);
    }
}
