using DigitalEdu.Domain.Vocabulary;
using Npgsql;

namespace DigitalEdu.Sync.Reporting;

/// <summary>What a freeze stored: the snapshot, the schools and the open items it holds.</summary>
public sealed record FrozenSnapshot(Guid Id, CutOff CutOff, int Schools, int Items);

/// <summary>
/// Freezes a report snapshot in one transaction: each school's figures by level from the latest run that counted it before the
/// cut-off ended (or now, on demand), with the school's name and commune as they are, and the open items behind them. Set-based:
/// one index probe per school for its latest run, then one INSERT … SELECT per table.
/// </summary>
public sealed class SnapshotFreezer(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string FreezeSql =
        $"""
        CREATE TEMPORARY TABLE freeze_runs ON COMMIT DROP AS
        SELECT s.code AS school_code, l.run_id, l.taken_at
          FROM schools s
         CROSS JOIN LATERAL (SELECT f.run_id, f.taken_at FROM level_figures f
                              WHERE f.school_code = s.code AND (@before IS NULL OR f.taken_at < @before)
                              ORDER BY f.taken_at DESC
                              LIMIT 1) l;

        CREATE TEMPORARY TABLE freeze_items ON COMMIT DROP AS
        SELECT m.id, m.school_code, m.kind, m.person_kind
          FROM mismatches m
         WHERE m.status = '{MismatchStatus.Open}' AND (@before IS NULL OR m.first_seen_at < @before)
           AND EXISTS (SELECT 1 FROM freeze_runs);

        -- The header carries the province's totals, so listing snapshots never counts their rows again.
        INSERT INTO report_snapshots (id, cut_off, period, school_year, frozen_at, frozen_by, latest_run_id, schools, persons, open_items)
        SELECT @id, @cut_off, @period, @school_year, @now, @by, (SELECT run_id FROM freeze_runs ORDER BY taken_at DESC LIMIT 1),
               (SELECT count(*) FROM freeze_runs),
               (SELECT COALESCE(sum(f.persons), 0) FROM freeze_runs r JOIN level_figures f ON f.run_id = r.run_id AND f.school_code = r.school_code),
               (SELECT count(*) FROM freeze_items)
         WHERE EXISTS (SELECT 1 FROM freeze_runs)
        ON CONFLICT DO NOTHING;

        INSERT INTO report_snapshot_figures (snapshot_id, school_code, school_name, school_level, commune_code, commune_name, level, person_kind,
                                             persons, with_personal_id, complete, verified, health_synced)
        SELECT @id, s.code, s.name, s.level, COALESCE(s.commune_code, ''), s.commune_name, f.level, f.person_kind,
               f.persons, f.with_personal_id, f.complete, f.verified, f.health_synced
          FROM freeze_runs r
          JOIN schools s ON s.code = r.school_code
          JOIN level_figures f ON f.run_id = r.run_id AND f.school_code = r.school_code
         WHERE EXISTS (SELECT 1 FROM report_snapshots WHERE id = @id);

        INSERT INTO report_snapshot_items (snapshot_id, mismatch_id, school_code, kind, person_kind)
        SELECT @id, i.id, i.school_code, i.kind, i.person_kind
          FROM freeze_items i
         WHERE EXISTS (SELECT 1 FROM report_snapshots WHERE id = @id);

        """;

    /// <summary>
    /// At an end-of-year cut-off, the pupils on the SMS roll then (the stored records as the freeze finds them, right after the
    /// cut-off): the next year's expected-back list is made from it. It replaces the roll of the year before.
    /// </summary>
    private const string RosterSql =
        $"""
        DELETE FROM year_end_rosters WHERE EXISTS (SELECT 1 FROM report_snapshots WHERE id = @id);

        INSERT INTO year_end_rosters (snapshot_id, source_key, school_code, moet_code, personal_id_digits, full_name, date_of_birth, grade, class_name)
        SELECT @id, p.source_key, p.school_code, p.moet_code, p.personal_id_digits, p.full_name, p.date_of_birth, p.grade, p.class_name
          FROM person_records p
         WHERE p.source = '{WireNames.Sms}' AND p.person_kind = '{WireNames.Student}' AND p.status = '{PersonStatus.Studying}'
           AND EXISTS (SELECT 1 FROM report_snapshots WHERE id = @id);
        """;

    /// <summary>
    /// Freezes <paramref name="cutOff"/> from the runs before <paramref name="before"/> (null: every run so far). Null when no
    /// run has counted any school yet, or when the calendar's cut-off was frozen already (only one snapshot per calendar
    /// cut-off; on demand, as many as asked).
    /// </summary>
    public async Task<FrozenSnapshot?> FreezeAsync(CutOff cutOff, DateTimeOffset? before, string frozenBy, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(FreezeSql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("cut_off", cutOff.Day);
        command.Parameters.AddWithValue("period", cutOff.Period);
        command.Parameters.AddWithValue("school_year", cutOff.SchoolYear);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("by", frozenBy);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("before", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = before?.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (cutOff.Period == ReportPeriods.EndOfYear)
        {
            await using var roster = new NpgsqlCommand(RosterSql, connection, transaction);
            roster.Parameters.AddWithValue("id", id);
            await roster.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var counts = new NpgsqlCommand(
            """
            SELECT (SELECT count(DISTINCT school_code) FROM report_snapshot_figures WHERE snapshot_id = $1)::int,
                   (SELECT count(*) FROM report_snapshot_items WHERE snapshot_id = $1)::int,
                   EXISTS (SELECT 1 FROM report_snapshots WHERE id = $1)
            """, connection, transaction);
        counts.Parameters.AddWithValue(id);
        await using var reader = await counts.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (schools, items, stored) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetBoolean(2));
        await reader.CloseAsync();
        if (!stored)
        {
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return new FrozenSnapshot(id, cutOff, schools, items);
    }
}
