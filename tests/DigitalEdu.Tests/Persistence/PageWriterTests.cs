using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Persistence;

/// <summary>
/// A lane commits one page of each pull of its block together: the rows, the quarantine and every pull's checkpoint in one
/// transaction, so a crash or an error keeps all of it or none of it.
/// </summary>
public sealed class PageWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 20, 1, 2, 3, TimeSpan.Zero);

    private readonly Guid run = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("pages");
        await ExecuteAsync(
            """
            INSERT INTO sync_runs (id, mode, school_code, status, requested_by, requested_at, pulls_total, counts)
            VALUES (@run, 'full', NULL, 'running', 'test', now(), 3, '{}')
            """);
        await StagingTables.CreateAsync(dataSource, run, CancellationToken.None);
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Pages_of_several_pulls_commit_their_rows_quarantine_and_checkpoints_together()
    {
        var (students, studentsBatch) = await StartPullAsync("A");
        var (more, moreBatch) = await StartPullAsync("B");
        var (empty, emptyBatch) = await StartPullAsync("C");

        await CommitAsync(
            Page(students, studentsBatch, "A", [Person("A-1", "A"), Person("A-2", "A")], next: null),
            Page(more, moreBatch, "B", [Person("B-1", "B")], next: "cursor-2", quarantined: [new QuarantinedRecord("{\"x\":1}", "B-9", ["fullName: required"])]),
            Page(empty, emptyBatch, "C", [], next: null));

        Assert.Equal(["A-1", "A-2", "B-1"], await ListAsync($"SELECT source_key FROM {StagingTables.Persons(run)}"));
        Assert.Equal([$"{moreBatch}:B-9"], await ListAsync("SELECT batch_id || ':' || source_key FROM quarantine"));

        // A pull whose page had no next cursor has ended; the one with more pages keeps its cursor and goes on.
        Assert.Equal(
            [$"{students}:succeeded:t::1:2:2:0", $"{more}:running:f:cursor-2:1:2:1:1", $"{empty}:succeeded:t::1:0:0:0"],
            await ListAsync("SELECT concat_ws(':', id, status, exhausted, COALESCE(cursor, ''), pages, received, stored, quarantined) FROM pulls"));
        Assert.Equal(
            [$"{studentsBatch}:succeeded:", $"{moreBatch}:succeeded:cursor-2", $"{emptyBatch}:succeeded:"],
            await ListAsync("SELECT concat_ws(':', id, status, COALESCE(cursor_next, '')) FROM batches"));
        Assert.Equal(["3"], await ListAsync("SELECT count(*)::text FROM pulls WHERE as_of IS NOT NULL"));
    }

    [Fact]
    public async Task A_page_the_database_refuses_leaves_none_of_the_pages_committed_with_it()
    {
        var (first, firstBatch) = await StartPullAsync("A");
        var (second, secondBatch) = await StartPullAsync("B");

        // PostgreSQL text cannot hold U+0000: the COPY of the block's rows fails, and with it the whole commit.
        await Assert.ThrowsAsync<PostgresException>(() => CommitAsync(
            Page(first, firstBatch, "A", [Person("A-1", "A")], next: null),
            Page(second, secondBatch, "B", [Person("B-1", "B", fullName: "Nguyễn\0An")], next: null)));

        Assert.Empty(await ListAsync($"SELECT source_key FROM {StagingTables.Persons(run)}"));
        Assert.Equal(["running:0", "running:0"], await ListAsync("SELECT status || ':' || pages FROM pulls"));
        Assert.Equal(["running", "running"], await ListAsync("SELECT status FROM batches"));
    }

    private async Task CommitAsync(params PageCommit[] pages)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await new PageWriter().CommitPagesAsync(connection, pages, CancellationToken.None);
    }

    private PageCommit Page(long pull, long batch, string school, PersonRecord[] persons, string? next, QuarantinedRecord[]? quarantined = null) =>
        new(run, pull, batch, Dataset.SmsStudents, school,
            new PageResult(persons, [], quarantined ?? [], next, AsOf, persons.Length + (quarantined?.Length ?? 0)));

    private static PersonRecord Person(string key, string school, string fullName = "Nguyễn Văn An") => new()
    {
        Source = Source.Sms,
        Kind = PersonKind.Student,
        SourceKey = key,
        FullName = fullName,
        DateOfBirth = new DateOnly(2012, 3, 9),
        Gender = Gender.Male,
        SchoolCode = school,
        Status = "studying",
        UpdatedAt = AsOf,
        Grade = 8,
        ClassName = "8A2",
    };

    /// <summary>A pull as a lane's claim leaves it: running, with the batch of its first page open.</summary>
    private async Task<(long Pull, long Batch)> StartPullAsync(string school)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH pull AS (
                INSERT INTO pulls (run_id, dataset, source, school_code, status, exhausted, pages, received, stored, quarantined)
                VALUES (@run, 'SmsStudents', 'sms', @school, 'running', false, 0, 0, 0, 0)
                RETURNING id)
            INSERT INTO batches (run_id, pull_id, dataset, source, school_code, status, attempts, received, stored, quarantined, started_at)
            SELECT @run, id, 'SmsStudents', 'sms', @school, 'running', 1, 0, 0, 0, now() FROM pull
            RETURNING pull_id, id
            """);
        command.Parameters.AddWithValue("run", run);
        command.Parameters.AddWithValue("school", school);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private Task ExecuteAsync(string sql) => SqlRows.ExecuteAsync(dataSource, sql, ("run", run));

    private Task<List<string>> ListAsync(string sql) => SqlRows.ListAsync(dataSource, sql);
}
