using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Reconcile;
using DigitalEdu.Tests.Infrastructure;
using Npgsql;

namespace DigitalEdu.Tests.Reconcile;

/// <summary>
/// The province's pages read open items from kept counts, not from the items, and trends from per-run roll-ups, not from every
/// school's snapshot: each reconcile has to leave them equal to what they stand for (in a province run, in a school run that
/// takes over pupils from another school), and the migrate step puts them right.
/// </summary>
public sealed class OpenItemCountTests : IAsyncLifetime
{
    private readonly Guid runId = Guid.CreateVersion7();
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        dataSource = await DigitalEduApp.CreateMigratedDatabaseAsync("counts");

        // Twenty pupils in school 701 and ten in 702 on both sides; every fourth national record has another name (a field
        // item) and every third SMS pupil has no ID (an SMS-only item and one missing from the national database).
        await SqlRows.ExecuteAsync(dataSource,
            """
            INSERT INTO sync_runs (id, mode, status, requested_by, requested_at, pulls_total, counts)
            VALUES (@run, 'full', 'running', 'test', now(), 0, '{}');

            INSERT INTO person_records (source, person_kind, source_key, school_code, personal_id_raw, id_present, personal_id_digits,
                                        moet_code, full_name, full_name_key, date_of_birth, gender, grade, class_name, status, is_active,
                                        updated_at, last_run_id, stored_at)
            SELECT side.source, 'student', CASE side.source WHEN 'sms' THEN 'S' || i ELSE '22' || lpad(i::text, 8, '0') END,
                   CASE WHEN i <= 20 THEN '701' ELSE '702' END,
                   CASE WHEN side.source = 'sms' AND i % 3 = 0 THEN NULL ELSE '0223120' || lpad(i::text, 5, '0') END,
                   NOT (side.source = 'sms' AND i % 3 = 0),
                   CASE WHEN side.source = 'sms' AND i % 3 = 0 THEN NULL ELSE '0223120' || lpad(i::text, 5, '0') END,
                   '22' || lpad(i::text, 8, '0'),
                   CASE WHEN side.source = 'national' AND i % 4 = 0 THEN 'Tran Van ' ELSE 'Nguyen Van ' END || i,
                   CASE WHEN side.source = 'national' AND i % 4 = 0 THEN 'tran van ' ELSE 'nguyen van ' END || i,
                   '2012-03-09', 'female', 6, '6A', 'studying', true, now(), @run, now()
              FROM generate_series(1, 30) i CROSS JOIN (VALUES ('sms'), ('national')) AS side(source);
            """, ("run", runId));
    }

    public async Task DisposeAsync() => await dataSource.DisposeAsync();

    [Fact]
    public async Task Each_reconcile_leaves_the_kept_open_counts_equal_to_the_items()
    {
        var reconciler = new MismatchReconciler(dataSource);
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        Assert.NotEqual("0", (await SqlRows.ListAsync(dataSource, "SELECT count(*)::text FROM mismatches WHERE status = 'open'"))[0]);
        Assert.Empty(await KeptCounts.DifferencesAsync(dataSource));

        // A person's change adds +1 or -1 (here as ItemTransitions writes it); the next province run folds them back in.
        await SqlRows.ExecuteAsync(dataSource,
            $"""
            UPDATE mismatches SET status = '{MismatchStatus.Dismissed}' WHERE id = (SELECT min(id) FROM mismatches WHERE school_code = '701');
            INSERT INTO open_item_counts (school_code, kind, count)
            SELECT school_code, kind, -1 FROM mismatches WHERE id = (SELECT min(id) FROM mismatches WHERE school_code = '701');
            """);
        Assert.Empty(await KeptCounts.DifferencesAsync(dataSource));
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        Assert.Empty(await KeptCounts.DifferencesAsync(dataSource));
        var rows = await SqlRows.ListAsync(dataSource, "SELECT count(*)::text FROM open_item_counts GROUP BY school_code, kind HAVING count(*) > 1");
        Assert.Empty(rows);

        // Four pupils of 702 move to 701 on both sides, and some names are put right: 701's school run takes their items over
        // from 702, and both schools' counts follow.
        await SqlRows.ExecuteAsync(dataSource,
            """
            UPDATE person_records SET school_code = '701' WHERE source_key IN ('S21', 'S24', 'S27', 'S28', '2200000021', '2200000024', '2200000027', '2200000028');
            UPDATE person_records SET full_name = 'Nguyen Van 4', full_name_key = 'nguyen van 4' WHERE source_key = '2200000004';
            """);
        var moved = await reconciler.ReconcileAsync(runId, ReconcileScope.School("701"), [], CancellationToken.None);
        Assert.Equal(1, moved.Resolved);
        Assert.NotEmpty(await SqlRows.ListAsync(dataSource, "SELECT id::text FROM mismatches WHERE school_code = '701' AND person_ref = 'sms:S24'"));
        Assert.Empty(await KeptCounts.DifferencesAsync(dataSource));

        // Counts gone wrong (a restore, a hand edit) are put right by the migrate step.
        await SqlRows.ExecuteAsync(dataSource, "DELETE FROM open_item_counts WHERE school_code = '702'");
        Assert.NotEmpty(await KeptCounts.DifferencesAsync(dataSource));
        await DigitalEduApp.MigrateAsync(dataSource.ConnectionString);

        Assert.Empty(await KeptCounts.DifferencesAsync(dataSource));
    }

    [Fact]
    public async Task A_province_run_rolls_its_coverage_up_per_commune_and_the_migrate_step_fills_in_missing_roll_ups()
    {
        await SqlRows.ExecuteAsync(dataSource,
            """
            INSERT INTO schools (code, name, level, commune_code, commune_name, province_code, updated_at)
            VALUES ('701', 'Trường 701', 'THCS', '10070', 'Xã A', '22', now()), ('702', 'Trường 702', 'THCS', NULL, NULL, '22', now());
            """);
        var reconciler = new MismatchReconciler(dataSource);
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        await reconciler.ReconcileAsync(runId, ReconcileScope.Province, [], CancellationToken.None);
        Assert.Equal([" student 10", "* student 30", "10070 student 20"], await SqlRows.ListAsync(dataSource,
            "SELECT commune_code || ' ' || person_kind || ' ' || persons FROM coverage_rollups"));
        Assert.Empty(await RollupDifferencesAsync("<> '*'"));
        Assert.Empty(await RollupDifferencesAsync("= '*'"));

        await SqlRows.ExecuteAsync(dataSource, "DELETE FROM coverage_rollups");
        await DigitalEduApp.MigrateAsync(dataSource.ConnectionString);
        Assert.Equal(3, (await SqlRows.ListAsync(dataSource, "SELECT run_id::text FROM coverage_rollups")).Count);
        Assert.Empty(await RollupDifferencesAsync("<> '*'"));
        Assert.Empty(await RollupDifferencesAsync("= '*'"));
    }

    /// <summary>Each run's roll-up totals (the rows whose commune <paramref name="communes"/>) against its snapshots', open items by kind included.</summary>
    private Task<List<string>> RollupDifferencesAsync(string communes) =>
        SqlRows.ListAsync(dataSource,
            $"""
            WITH snap AS (
                SELECT run_id, sum(persons) AS persons, sum(verified) AS verified,
                       (SELECT jsonb_object_agg(key, n) FROM (SELECT o.key, sum(o.value::int) AS n FROM coverage_snapshots c2
                          CROSS JOIN LATERAL jsonb_each_text(c2.open_items) o WHERE c2.run_id = c.run_id GROUP BY o.key) k) AS open_items
                  FROM coverage_snapshots c GROUP BY run_id),
            roll AS (
                SELECT run_id, sum(persons) AS persons, sum(verified) AS verified,
                       (SELECT jsonb_object_agg(key, n) FROM (SELECT o.key, sum(o.value::int) AS n FROM coverage_rollups u2
                          CROSS JOIN LATERAL jsonb_each_text(u2.open_items) o WHERE u2.run_id = u.run_id AND u2.commune_code {communes}
                          GROUP BY o.key) k) AS open_items
                  FROM coverage_rollups u WHERE u.commune_code {communes} GROUP BY run_id)
            SELECT run_id::text FROM snap FULL JOIN roll USING (run_id)
             WHERE (snap.persons, snap.verified, snap.open_items) IS DISTINCT FROM (roll.persons, roll.verified, roll.open_items)
            """);
}
