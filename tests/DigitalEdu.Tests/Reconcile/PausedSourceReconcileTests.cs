using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Reconcile;

/// <summary>
/// A paused source's records are as they were before the pause: the reconcile neither resolves nor reopens the items that need
/// them (on its side, or of a kind comparing with it), and goes on deciding the others.
/// </summary>
public sealed class PausedSourceReconcileTests : IAsyncLifetime
{
    private static readonly string[] National = [WireNames.National];
    private readonly Guid runId = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("paused");

        // Forty pupils on both sides, every fifth national record with another name (eight field items), and one SMS pupil
        // without an ID (an SMS-only item, and one missing from the national database).
        await SqlRows.ExecuteAsync(dataSource,
            """
            INSERT INTO sync_runs (id, mode, status, requested_by, requested_at, pulls_total, counts)
            VALUES (@run, 'full', 'running', 'test', now(), 0, '{}');

            INSERT INTO person_records (source, person_kind, source_key, school_code, personal_id_raw, id_present, personal_id_digits,
                                        moet_code, full_name, full_name_key, date_of_birth, gender, grade, class_name, status, is_active,
                                        updated_at, last_run_id, stored_at)
            SELECT side.source, 'student', CASE side.source WHEN 'sms' THEN 'S' || i ELSE '22' || lpad(i::text, 8, '0') END, '701',
                   '0223120' || lpad(i::text, 5, '0'), true, '0223120' || lpad(i::text, 5, '0'), '22' || lpad(i::text, 8, '0'),
                   CASE WHEN side.source = 'national' AND i % 5 = 0 THEN 'Tran Van ' ELSE 'Nguyen Van ' END || i,
                   CASE WHEN side.source = 'national' AND i % 5 = 0 THEN 'tran van ' ELSE 'nguyen van ' END || i,
                   '2012-03-09', 'female', 6, '6A', 'studying', true, now(), @run, now()
              FROM generate_series(1, 40) i CROSS JOIN (VALUES ('sms'), ('national')) AS side(source);

            INSERT INTO person_records (source, person_kind, source_key, school_code, personal_id_raw, id_present, personal_id_digits,
                                        moet_code, full_name, full_name_key, date_of_birth, gender, grade, class_name, status, is_active,
                                        updated_at, last_run_id, stored_at)
            VALUES ('sms', 'student', 'S41', '701', NULL, false, NULL, NULL, 'Le Thi 41', 'le thi 41',
                    '2012-03-09', 'female', 6, '6A', 'studying', true, now(), @run, now());
            """, ("run", runId));
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public void Kinds_comparing_with_a_source_are_the_ones_held_back()
    {
        Assert.Contains(MismatchKinds.FieldMismatch, MismatchKinds.Comparing(National));
        Assert.Contains(MismatchKinds.ProvincialStale, MismatchKinds.Comparing([WireNames.Provincial]));
        Assert.DoesNotContain(MismatchKinds.IdMissing, MismatchKinds.Comparing(National));
        Assert.Equal([MismatchKinds.ProvincialStale], MismatchKinds.Comparing([WireNames.Provincial]));
    }

    [Fact]
    public async Task Items_needing_a_paused_source_are_neither_resolved_nor_reopened_and_the_others_are()
    {
        var reconciler = new MismatchReconciler(dataSource);
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        Assert.Equal(8, await CountAsync(MismatchKinds.FieldMismatch, MismatchStatus.Open));
        Assert.Equal(1, await CountAsync(MismatchKinds.IdMissing, MismatchStatus.Open));

        // The national names put right and the pupil's ID filled in: with the national database paused, only the SMS-only
        // item is resolved; the field items wait for the national records to be read again.
        await SqlRows.ExecuteAsync(dataSource,
            """
            UPDATE person_records SET full_name = replace(full_name, 'Tran', 'Nguyen'), full_name_key = replace(full_name_key, 'tran', 'nguyen')
             WHERE source = 'national';
            UPDATE person_records SET personal_id_raw = '022312000041', id_present = true, personal_id_digits = '022312000041'
             WHERE source_key = 'S41';
            """);
        var paused = await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None, pausedSources: National);
        Assert.Equal(8, await CountAsync(MismatchKinds.FieldMismatch, MismatchStatus.Open));
        Assert.Equal(1, await CountAsync(MismatchKinds.IdMissing, MismatchStatus.Resolved));
        Assert.Equal(1, paused.Resolved);

        // Resumed: the field items are resolved.
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        Assert.Equal(8, await CountAsync(MismatchKinds.FieldMismatch, MismatchStatus.Resolved));

        // The names wrong again, with the national database paused once more: nothing is reopened from its stale records.
        await SqlRows.ExecuteAsync(dataSource,
            """
            UPDATE person_records SET full_name = replace(full_name, 'Nguyen', 'Tran'), full_name_key = replace(full_name_key, 'nguyen', 'tran')
             WHERE source = 'national' AND source_key IN (SELECT '22' || lpad(i::text, 8, '0') FROM generate_series(5, 40, 5) i);
            """);
        var heldBack = await reconciler.ReconcileAsync(runId, ReconcileScope.School("701"), [], CancellationToken.None, pausedSources: National);
        Assert.Equal(0, heldBack.Reopened);
        Assert.Equal(8, await CountAsync(MismatchKinds.FieldMismatch, MismatchStatus.Resolved));

        var resumed = await reconciler.ReconcileAsync(runId, ReconcileScope.School("701"), [], CancellationToken.None);
        Assert.Equal(8, resumed.Reopened);
        Assert.Equal(8, await CountAsync(MismatchKinds.FieldMismatch, MismatchStatus.Open));
    }

    private async Task<int> CountAsync(string kind, string status) =>
        (await SqlRows.ListAsync(dataSource, $"SELECT id::text FROM mismatches WHERE kind = '{kind}' AND status = '{status}'")).Count;
}
