using System.Text.RegularExpressions;
using DigitalEdu.Data;
using DigitalEdu.Sync.Reconcile;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DigitalEdu.Sync;

/// <summary>
/// The explicit migrate step: EF Core migrations for the model, then Hangfire's own schema, then, when the service connects
/// as a role of its own, that role's privileges.
/// </summary>
public static partial class DatabaseMigrator
{
    public const string JobSchema = "hangfire";

    /// <summary>The tables the service's role may read and append to but never change: the owner keeps them.</summary>
    /// <summary>The tables of frozen report snapshots: only ever inserted into and read.</summary>
    private static readonly string[] FrozenTables = ["report_snapshots", "report_snapshot_figures", "report_snapshot_items"];

    private static readonly string[] OwnerKept = ["audit_log", "__ef_migrations_history", .. FrozenTables];

    /// <summary>
    /// A frozen snapshot refuses every change, whoever asks (the migrating role included, when the service runs as it): an
    /// officer's report must read the same next year as the day it was sent.
    /// </summary>
    private static readonly string FreezeTriggers =
        """
        CREATE OR REPLACE FUNCTION refuse_snapshot_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'report snapshots never change (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$;
        """ + string.Concat(FrozenTables.Select(table =>
            $"""

            CREATE OR REPLACE TRIGGER {table}_frozen BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION refuse_snapshot_change();
            CREATE OR REPLACE TRIGGER {table}_frozen_truncate BEFORE TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_snapshot_change();
            """));

    /// <summary>
    /// Migrates the database <paramref name="db"/> connects to, as its connection's role. With <paramref name="serviceRole"/>
    /// (the role the service connects as, when that is another) the role is created if missing (with
    /// <paramref name="servicePassword"/>) and handed what it needs; see <see cref="GrantServiceRoleAsync"/>.
    /// </summary>
    public static async Task MigrateAsync(
        DigitalEduDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken, string? serviceRole = null, string? servicePassword = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using (var migrating = new DigitalEduDbContext(MigrationOptions(db)))
        {
            await migrating.Database.MigrateAsync(cancellationToken);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        PostgreSqlObjectsInstaller.Install(connection, JobSchema);

        // The kept open counts and the runs' coverage roll-ups follow the items and snapshots from here on; made once here,
        // they start right on a database whose items and runs came before them (or were changed by hand).
        await ExecuteAsync(connection, ReconcileSql.RecountOpenItems(ReconcileScope.Province), cancellationToken);
        await ExecuteAsync(connection, ReconcileSql.MissingCoverageRollups, cancellationToken);
        await ExecuteAsync(connection, FreezeTriggers, cancellationToken);
        if (serviceRole is not null)
        {
            await GrantServiceRoleAsync(connection, serviceRole, servicePassword, cancellationToken);
        }
    }

    /// <summary>
    /// The service's role owns what it rebuilds (a full run swaps the stored tables, a reconcile creates a working schema) and
    /// may create schemas and tables; the audit log and the migration history stay the owner's, with SELECT and INSERT (history:
    /// SELECT) granted, so the service can append to the audit log but not update, delete or truncate it.
    /// </summary>
    public static async Task GrantServiceRoleAsync(NpgsqlConnection connection, string serviceRole, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsPlainRoleName(serviceRole))
        {
            throw new ArgumentException($"'{serviceRole}' is not a plain role name (letters, digits, underscores).", nameof(serviceRole));
        }

        var role = Quote(serviceRole);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ScalarAsync(connection, "SELECT count(*) FROM pg_roles WHERE rolname = $1", serviceRole, cancellationToken) == 0)
        {
            // Utility statements take no parameters; the password is a quoted literal (standard_conforming_strings is on).
            var login = password is null ? "" : $" PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'";
            await ExecuteAsync(connection, $"CREATE ROLE {role} LOGIN{login}", cancellationToken);
        }

        var database = Quote(connection.Database);
        var statements = new List<string>
        {
            $"GRANT CONNECT, TEMPORARY, CREATE ON DATABASE {database} TO {role}",
            $"GRANT USAGE, CREATE ON SCHEMA public, {JobSchema} TO {role}",
        };
        await using (var command = new NpgsqlCommand(
            """
            SELECT format('ALTER %s %I.%I OWNER TO %I', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, n.nspname, c.relname, $2)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname IN ('public', $1) AND c.relkind IN ('r', 'p', 'S') AND c.relname <> ALL($3)
               -- A sequence behind an identity or serial column follows its table.
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
             ORDER BY c.relkind DESC, c.relname
            """, connection))
        {
            command.Parameters.AddWithValue(JobSchema);
            command.Parameters.AddWithValue(serviceRole);
            command.Parameters.AddWithValue(OwnerKept);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                statements.Add(reader.GetString(0));
            }
        }

        statements.Add($"REVOKE ALL ON audit_log, __ef_migrations_history FROM {role}");
        statements.Add($"GRANT SELECT, INSERT ON audit_log TO {role}");
        statements.Add($"GRANT SELECT ON __ef_migrations_history TO {role}");
        statements.Add($"REVOKE ALL ON {string.Join(", ", FrozenTables)} FROM {role}");
        statements.Add($"GRANT SELECT, INSERT ON {string.Join(", ", FrozenTables)} TO {role}");
        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static bool IsPlainRoleName(string name) => PlainRoleName().IsMatch(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainRoleName();

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(value);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// The options of <paramref name="db"/> for migrating, with one difference: EF Core finds out whether the database and its
    /// history table exist by trying them, and logs each expected failure as an error ("fail: ... An error occurred using the
    /// connection") before it creates what was missing, so every first migration printed an error. Connection and command
    /// errors are logged as information here; a real failure still ends the migration with its exception.
    /// </summary>
    private static DbContextOptions<DigitalEduDbContext> MigrationOptions(DigitalEduDbContext db) =>
        new DbContextOptionsBuilder<DigitalEduDbContext>()
            .UseDigitalEduDatabase(db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The database context has no connection string to migrate."))
            .UseLoggerFactory(db.GetService<ILoggerFactory>())
            .ConfigureWarnings(warnings => warnings.Log(
                (RelationalEventId.ConnectionError, LogLevel.Information),
                (RelationalEventId.CommandError, LogLevel.Information)))
            .Options;
}
