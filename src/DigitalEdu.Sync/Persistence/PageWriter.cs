using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using Npgsql;
using NpgsqlTypes;

namespace DigitalEdu.Sync.Persistence;

/// <summary>What one successful page commits: its rows, its quarantine and the checkpoint, together.</summary>
public sealed record PageCommit(Guid RunId, long PullId, long BatchId, Dataset Dataset, string SchoolCode, PageResult Page);

/// <summary>
/// Stages pages: their records are appended by binary COPY to the run's staging tables (<see cref="StagingTables"/>), in the
/// same transaction as the batches' results and the pulls' checkpoints, so a crash either keeps the pages and their cursors
/// or neither. The last page of a pull also ends it. Nothing is merged here: the run applies what it staged in one set-based
/// step once its pulls are done (<see cref="StagedRecordsApplier"/>), which costs a fraction of an upsert per page into
/// indexed tables.
/// </summary>
public sealed class PageWriter
{
    private const string PersonColumns =
        "source, person_kind, source_key, school_code, moet_code, personal_id_raw, id_present, personal_id_digits, id_defect, " +
        "full_name, full_name_key, date_of_birth, gender, ethnicity_code, father_name, father_name_key, mother_name, mother_name_key, " +
        "grade, class_name, position, status, is_active, population_status, population_checked_at, disputed_fields, " +
        "health_exam_date, health, updated_at, last_run_id, stored_at, unreadable, unknown_codes, uncompared, quarantine_reasons";

    private const short PersonColumnCount = 35;

    /// <summary>
    /// Commits pages of different pulls of one run together, as one transaction: one COPY per staging table and one checkpoint
    /// statement for all of them. A lane reads one page of each pull of the block it claimed and commits them here, so a
    /// province's thousands of one-page pulls cost a few transactions a block rather than one per pull (each statement and
    /// transaction is a fixed cost in PostgreSQL and a round trip, larger than a few rows' work). Each pull appears at most once.
    /// </summary>
    public async Task CommitPagesAsync(NpgsqlConnection connection, IReadOnlyList<PageCommit> pages, CancellationToken cancellationToken)
    {
        if (pages.Count == 0)
        {
            return;
        }

        try
        {
            await CommitAsync(connection, pages, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // The run's staging tables were applied and dropped while this pull (a re-run batch) was working: stage anew.
            await StagingTables.CreateAsync(connection, pages[0].RunId, cancellationToken);
            await CommitAsync(connection, pages, cancellationToken);
        }
    }

    private static async Task CommitAsync(NpgsqlConnection connection, IReadOnlyList<PageCommit> pages, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var runId = pages[0].RunId;

        // Pages with nothing on them (most pages of an incremental run) are only checkpoints: one statement that updates the
        // batches and the pulls, in a transaction of its own and one round trip.
        var persons = pages.Sum(p => p.Page.Persons.Count + p.Page.Placeholders);
        var exams = pages.Sum(p => p.Page.HealthExams.Count);
        var quarantined = pages.Sum(p => p.Page.Quarantined.Count);
        await using var transaction = persons + exams + quarantined == 0 ? null : await connection.BeginTransactionAsync(cancellationToken);

        if (persons > 0)
        {
            await StagePersonsAsync(connection, runId, pages, now, cancellationToken);
        }

        if (exams > 0)
        {
            await StageHealthExamsAsync(connection, runId, pages, cancellationToken);
        }

        if (quarantined > 0)
        {
            await InsertQuarantineAsync(connection, pages, now, cancellationToken);
        }

        await using (var checkpoint = new NpgsqlCommand(
            """
            WITH page AS (
                SELECT * FROM unnest(@batch, @pull, @next, @received, @stored, @quarantined, @asOf)
                           AS p(batch_id, pull_id, next, received, stored, quarantined, as_of)),
            batch AS (
                UPDATE batches b SET status = 'succeeded', cursor_next = p.next, received = p.received, stored = p.stored,
                                     quarantined = p.quarantined, finished_at = @now, error = NULL
                  FROM page p
                 WHERE b.id = p.batch_id)
            UPDATE pulls u SET cursor = p.next, exhausted = (p.next IS NULL), pages = u.pages + 1, received = u.received + p.received,
                               stored = u.stored + p.stored, quarantined = u.quarantined + p.quarantined,
                               as_of = COALESCE(u.as_of, p.as_of),
                               status = CASE WHEN p.next IS NULL THEN 'succeeded' ELSE u.status END,
                               finished_at = CASE WHEN p.next IS NULL THEN @now ELSE u.finished_at END
              FROM page p
             WHERE u.id = p.pull_id;
            """, connection, transaction))
        {
            checkpoint.Parameters.Add(Column("batch", pages, p => p.BatchId));
            checkpoint.Parameters.Add(Column("pull", pages, p => p.PullId));
            checkpoint.Parameters.Add(new NpgsqlParameter<string?[]>("next", NpgsqlDbType.Array | NpgsqlDbType.Text)
            {
                TypedValue = pages.Select(p => p.Page.NextCursor).ToArray(),
            });
            checkpoint.Parameters.Add(Column("received", pages, p => p.Page.ReceivedCount));
            checkpoint.Parameters.Add(Column("stored", pages, p => p.Page.Persons.Count + p.Page.HealthExams.Count));
            checkpoint.Parameters.Add(Column("quarantined", pages, p => p.Page.Quarantined.Count));
            checkpoint.Parameters.Add(Column("asOf", pages, p => p.Page.AsOf.ToUniversalTime()));
            checkpoint.Parameters.AddWithValue("now", now);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static NpgsqlParameter<T[]> Column<T>(string name, IReadOnlyList<PageCommit> pages, Func<PageCommit, T> value) =>
        new(name, pages.Select(value).ToArray());

    private static async Task StagePersonsAsync(
        NpgsqlConnection connection, Guid runId, IReadOnlyList<PageCommit> pages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A key listed twice (on one page or two) is staged twice; the apply keeps the later one.
        using var copy = new BinaryCopyRows();
        var records = pages.SelectMany(p => p.Page.Persons.Concat(p.Page.Quarantined.Where(q => q.Placeholder is not null).Select(q => q.Placeholder!)));
        foreach (var record in records)
        {
            var row = record.ToStored(runId, now);
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
            copy.Jsonb(row.Unreadable);
            copy.Jsonb(row.UnknownCodes);
            copy.TextArray(row.Uncompared);
            copy.TextArray(row.QuarantineReasons);
        }

        await copy.CopyAsync(connection, $"COPY {StagingTables.Persons(runId)} ({PersonColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
    }

    private static async Task StageHealthExamsAsync(
        NpgsqlConnection connection, Guid runId, IReadOnlyList<PageCommit> pages, CancellationToken cancellationToken)
    {
        using var copy = new BinaryCopyRows();
        foreach (var exam in pages.SelectMany(p => p.Page.HealthExams))
        {
            copy.StartRow(8);
            copy.Text(exam.ExamId);
            copy.Text(exam.StudentKey);
            copy.Text(exam.SchoolCode);
            copy.Date(exam.Findings.ExamDate);
            copy.Json(exam.Findings, StoredJson.Default.HealthFindings);
            copy.Timestamp(exam.UpdatedAt);
            copy.Uuid(runId);
            copy.Jsonb(StoredPersonMapping.ToJson(exam.Unreadable));
        }

        await copy.CopyAsync(connection,
            $"COPY {StagingTables.HealthExams(runId)} (exam_id, student_key, school_code, exam_date, findings, updated_at, last_run_id, unreadable) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    private static async Task InsertQuarantineAsync(
        NpgsqlConnection connection, IReadOnlyList<PageCommit> pages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var copy = new BinaryCopyRows();
        foreach (var commit in pages)
        {
            var source = commit.Dataset.Source().ToWire();
            var dataset = commit.Dataset.ToString();
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
        }

        await copy.CopyAsync(connection,
            "COPY quarantine (run_id, batch_id, source, dataset, school_code, source_key, raw_json, reasons, received_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
    }

    // PostgreSQL text cannot hold U+0000; it is escaped visibly so the record stays whole and readable.
    private static string? StripNul(string? value) => value?.Replace("\0", "\\u0000", StringComparison.Ordinal);
}
