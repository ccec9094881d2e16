using System.Text.Json;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Domain.Model;
using DigitalEdu.Sync.Persistence.Entities;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Persistence;

/// <summary>What one successful page commits: its rows, its quarantine and the checkpoint, together.</summary>
public sealed record PageCommit(Guid RunId, long PullId, long BatchId, Dataset Dataset, string SchoolCode, PageResult Page);

/// <summary>
/// Stages a page: its records are appended by binary COPY to the run's staging tables (<see cref="StagingTables"/>), in the
/// same transaction as the batch's result and the pull's checkpoint, so a crash either keeps the page and its cursor or
/// neither. The last page of a pull also ends it. Nothing is merged here: the run applies what it staged in one set-based
/// step once its pulls are done (<see cref="StagedRecordsApplier"/>), which costs a fraction of an upsert per page into
/// indexed tables.
/// </summary>
public sealed class PageWriter
{
    private const string PersonColumns =
        "source, person_kind, source_key, school_code, moet_code, personal_id_raw, id_present, personal_id_digits, id_defect, " +
        "full_name, full_name_key, date_of_birth, gender, ethnicity_code, father_name, father_name_key, mother_name, mother_name_key, " +
        "grade, class_name, position, status, is_active, population_status, population_checked_at, disputed_fields, " +
        "health_exam_date, health, updated_at, last_run_id, stored_at";

    private const short PersonColumnCount = 31;

    /// <summary>Commits on a connection the caller holds open (a pull lane keeps one for all its pulls).</summary>
    public async Task CommitPageAsync(NpgsqlConnection connection, PageCommit commit, CancellationToken cancellationToken)
    {
        try
        {
            await CommitAsync(connection, commit, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The run's staging tables were applied and dropped while this pull (a re-run batch) was working: stage anew.
            await StagingTables.CreateAsync(connection, commit.RunId, cancellationToken);
            await CommitAsync(connection, commit, cancellationToken);
        }
    }

    private async Task CommitAsync(NpgsqlConnection connection, PageCommit commit, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;

        // A page with nothing on it (most pages of an incremental run) is only a checkpoint: one statement that updates the batch
        // and the pull, in a transaction of its own and one round trip.
        var empty = commit.Page.Persons.Count == 0 && commit.Page.HealthExams.Count == 0 && commit.Page.Quarantined.Count == 0;
        await using var transaction = empty ? null : await connection.BeginTransactionAsync(cancellationToken);

        var stored = 0;
        if (commit.Page.Persons.Count > 0)
        {
            stored += await StagePersonsAsync(connection, commit, now, cancellationToken);
        }

        if (commit.Page.HealthExams.Count > 0)
        {
            stored += await StageHealthExamsAsync(connection, commit, cancellationToken);
        }

        if (commit.Page.Quarantined.Count > 0)
        {
            await InsertQuarantineAsync(connection, commit, now, cancellationToken);
        }

        await using (var checkpoint = new NpgsqlCommand(
            """
            WITH batch AS (
                UPDATE batches SET status = 'succeeded', cursor_next = @next, received = @received, stored = @stored,
                                   quarantined = @quarantined, finished_at = @now, error = NULL
                 WHERE id = @batch)
            UPDATE pulls SET cursor = @next, exhausted = (@next IS NULL), pages = pages + 1, received = received + @received,
                             stored = stored + @stored, quarantined = quarantined + @quarantined, as_of = COALESCE(as_of, @asOf),
                             status = CASE WHEN @next IS NULL THEN 'succeeded' ELSE status END,
                             finished_at = CASE WHEN @next IS NULL THEN @now ELSE finished_at END
             WHERE id = @pull;
            """, connection, transaction))
        {
            checkpoint.Parameters.Add(new NpgsqlParameter<string?>("next", NpgsqlDbType.Text) { TypedValue = commit.Page.NextCursor });
            checkpoint.Parameters.AddWithValue("received", commit.Page.ReceivedCount);
            checkpoint.Parameters.AddWithValue("stored", stored);
            checkpoint.Parameters.AddWithValue("quarantined", commit.Page.Quarantined.Count);
            checkpoint.Parameters.AddWithValue("now", now);
            checkpoint.Parameters.AddWithValue("asOf", commit.Page.AsOf);
            checkpoint.Parameters.AddWithValue("batch", commit.BatchId);
            checkpoint.Parameters.AddWithValue("pull", commit.PullId);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<int> StagePersonsAsync(NpgsqlConnection connection, PageCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A key listed twice (on one page or two) is staged twice; the apply keeps the later one.
        var rows = commit.Page.Persons;
        using var copy = new BinaryCopyRows();
        foreach (var record in rows)
        {
            var row = record.ToStored(commit.RunId, now);
            copy.StartRow(PersonColumnCount);
            copy.Text(row.Source);
            copy.Text(row.PersonKind);
            copy.Text(row.SourceKey);
            copy.Text(row.SchoolCode);
            copy.Text(row.MoetCode);
            copy.Text(row.PersonalIdRaw);
            copy.Boolean(row.IdPresent);
            copy.Text(row.PersonalIdDigits);
            copy.Text(row.IdDefect);
            copy.Text(row.FullName);
            copy.Text(row.FullNameKey);
            copy.Date(row.DateOfBirth);
            copy.Text(row.Gender);
            copy.Text(row.EthnicityCode);
            copy.Text(row.FatherName);
            copy.Text(row.FatherNameKey);
            copy.Text(row.MotherName);
            copy.Text(row.MotherNameKey);
            copy.Integer(row.Grade);
            copy.Text(row.ClassName);
            copy.Text(row.Position);
            copy.Text(row.Status);
            copy.Boolean(row.IsActive);
            copy.Text(row.PopulationStatus);
            copy.Timestamp(row.PopulationCheckedAt);
            copy.TextArray(row.DisputedFields);
            copy.Date(row.HealthExamDate);
            copy.Json(row.Health);
            copy.Timestamp(row.UpdatedAt);
            copy.Uuid(row.LastRunId);
            copy.Timestamp(row.StoredAt);
        }

        await copy.CopyAsync(connection, $"COPY {StagingTables.Persons(commit.RunId)} ({PersonColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        return rows.Count;
    }

    private static async Task<int> StageHealthExamsAsync(NpgsqlConnection connection, PageCommit commit, CancellationToken cancellationToken)
    {
        var rows = commit.Page.HealthExams;
        using var copy = new BinaryCopyRows();
        foreach (var exam in rows)
        {
            copy.StartRow(7);
            copy.Text(exam.ExamId);
            copy.Text(exam.StudentKey);
            copy.Text(exam.SchoolCode);
            copy.Date(exam.Findings.ExamDate);
            copy.Json(JsonSerializer.Serialize(exam.Findings));
            copy.Timestamp(exam.UpdatedAt);
            copy.Uuid(commit.RunId);
        }

        await copy.CopyAsync(connection,
            $"COPY {StagingTables.HealthExams(commit.RunId)} (exam_id, student_key, school_code, exam_date, findings, updated_at, last_run_id) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        return rows.Count;
    }

    private static async Task InsertQuarantineAsync(NpgsqlConnection connection, PageCommit commit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var source = commit.Dataset.Source().ToWire();
        var dataset = commit.Dataset.ToString();
        using var copy = new BinaryCopyRows();
        foreach (var item in commit.Page.Quarantined)
        {
            copy.StartRow(9);
            copy.Uuid(commit.RunId);
            copy.BigInteger(commit.BatchId);
            copy.Text(source);
            copy.Text(dataset);
            copy.Text(commit.SchoolCode);
            copy.Text(StripNul(item.SourceKey));
            copy.Text(StripNul(item.RawJson));
            copy.TextArray(item.Reasons.Select(r => StripNul(r)!).ToArray());
            copy.Timestamp(now);
        }

        await copy.CopyAsync(connection,
            "COPY quarantine (run_id, batch_id, source, dataset, school_code, source_key, raw_json, reasons, received_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    // PostgreSQL text cannot hold U+0000; it is escaped visibly so the record stays whole and readable.
    private static string? StripNul(string? value) => value?.Replace("\0", "\\u0000", StringComparison.Ordinal);
}
