using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DigitalEdu.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    owner = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    token_id = table.Column<long>(type: "bigint", nullable: true),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    user_agent = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    mismatch_id = table.Column<long>(type: "bigint", nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "code_drift_counts",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    records = table.Column<int>(type: "integer", nullable: false),
                    example_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_code_drift_counts", x => new { x.run_id, x.source, x.field, x.code });
                });

            migrationBuilder.CreateTable(
                name: "code_drifts",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    first_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_run_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_code_drifts", x => new { x.source, x.field, x.code });
                });

            migrationBuilder.CreateTable(
                name: "deferred_indexes",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    table_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false),
                    definition = table.Column<string>(type: "text", nullable: false),
                    deferred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deferred_indexes", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "health_exams",
                columns: table => new
                {
                    exam_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    student_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    exam_date = table.Column<DateOnly>(type: "date", nullable: true),
                    findings = table.Column<string>(type: "json", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    unreadable = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_exams", x => x.exam_id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.CreateTable(
                name: "mismatches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    person_ref = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    field_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    side = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    detail = table.Column<string>(type: "text", nullable: true),
                    field = table.Column<string>(type: "text", nullable: true),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    sms_key = table.Column<string>(type: "text", nullable: true),
                    moet_code = table.Column<string>(type: "text", nullable: true),
                    personal_id = table.Column<string>(type: "text", nullable: true),
                    sms_value = table.Column<string>(type: "text", nullable: true),
                    national_value = table.Column<string>(type: "text", nullable: true),
                    provincial_value = table.Column<string>(type: "text", nullable: true),
                    national_verified = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    first_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mismatches", x => x.id);
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 45);

            migrationBuilder.CreateTable(
                name: "open_item_counts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_open_item_counts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person_records",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, collation: "C"),
                    source_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    moet_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true, collation: "C"),
                    personal_id_raw = table.Column<string>(type: "text", nullable: true),
                    id_present = table.Column<bool>(type: "boolean", nullable: false),
                    personal_id_digits = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true, collation: "C"),
                    id_defect = table.Column<string>(type: "text", nullable: true),
                    full_name = table.Column<string>(type: "text", nullable: true),
                    full_name_key = table.Column<string>(type: "text", nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    gender = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    ethnicity_code = table.Column<string>(type: "text", nullable: true),
                    father_name = table.Column<string>(type: "text", nullable: true),
                    father_name_key = table.Column<string>(type: "text", nullable: true),
                    mother_name = table.Column<string>(type: "text", nullable: true),
                    mother_name_key = table.Column<string>(type: "text", nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: true),
                    class_name = table.Column<string>(type: "text", nullable: true),
                    position = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    population_status = table.Column<string>(type: "text", nullable: true),
                    population_checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disputed_fields = table.Column<string[]>(type: "text[]", nullable: true),
                    health_exam_date = table.Column<DateOnly>(type: "date", nullable: true),
                    health = table.Column<string>(type: "json", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    unreadable = table.Column<string>(type: "jsonb", nullable: true),
                    unknown_codes = table.Column<string>(type: "jsonb", nullable: true),
                    uncompared = table.Column<string[]>(type: "text[]", nullable: true),
                    quarantine_reasons = table.Column<string[]>(type: "text[]", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_records", x => new { x.source_key, x.person_kind, x.source });
                })
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.CreateTable(
                name: "quarantine",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<long>(type: "bigint", nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source_key = table.Column<string>(type: "text", nullable: true),
                    raw_json = table.Column<string>(type: "text", nullable: false),
                    reasons = table.Column<string[]>(type: "text[]", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quarantine", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "report_snapshots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    cut_off = table.Column<DateOnly>(type: "date", nullable: false),
                    period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_year = table.Column<int>(type: "integer", nullable: false),
                    frozen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    frozen_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    latest_run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    schools = table.Column<int>(type: "integer", nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    open_items = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_snapshots", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "schools",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    commune_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    commune_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    province_code = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schools", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "source_pauses",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    paused_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_source_pauses", x => x.source);
                });

            migrationBuilder.CreateTable(
                name: "sync_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pulls_total = table.Column<int>(type: "integer", nullable: false),
                    reconcile_enqueued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reconciled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    error = table.Column<string>(type: "text", nullable: true),
                    paused_sources = table.Column<string[]>(type: "text[]", nullable: false, defaultValueSql: "'{}'::text[]"),
                    counts = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sync_watermarks",
                columns: table => new
                {
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sync_watermarks", x => new { x.dataset, x.school_code });
                });

            migrationBuilder.CreateTable(
                name: "web_users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    password_hash = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_codes = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disabled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockouts_in_a_row = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_web_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "year_end_rosters",
                columns: table => new
                {
                    snapshot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    moet_code = table.Column<string>(type: "text", nullable: true),
                    personal_id_digits = table.Column<string>(type: "text", nullable: true),
                    full_name = table.Column<string>(type: "text", nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    grade = table.Column<int>(type: "integer", nullable: true),
                    class_name = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_year_end_rosters", x => new { x.snapshot_id, x.source_key });
                });

            migrationBuilder.CreateTable(
                name: "mismatch_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    mismatch_id = table.Column<long>(type: "bigint", nullable: false),
                    from_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    to_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    run_id = table.Column<Guid>(type: "uuid", nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mismatch_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_mismatch_events_mismatches_mismatch_id",
                        column: x => x.mismatch_id,
                        principalTable: "mismatches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "report_snapshot_figures",
                columns: table => new
                {
                    snapshot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    school_name = table.Column<string>(type: "text", nullable: false),
                    school_level = table.Column<string>(type: "text", nullable: true),
                    commune_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    commune_name = table.Column<string>(type: "text", nullable: true),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    with_personal_id = table.Column<int>(type: "integer", nullable: false),
                    complete = table.Column<int>(type: "integer", nullable: false),
                    verified = table.Column<int>(type: "integer", nullable: false),
                    health_synced = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_snapshot_figures", x => new { x.snapshot_id, x.school_code, x.level, x.person_kind });
                    table.ForeignKey(
                        name: "fk_report_snapshot_figures_report_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "report_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_snapshot_items",
                columns: table => new
                {
                    snapshot_id = table.Column<Guid>(type: "uuid", nullable: false),
                    mismatch_id = table.Column<long>(type: "bigint", nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_snapshot_items", x => new { x.snapshot_id, x.mismatch_id });
                    table.ForeignKey(
                        name: "fk_report_snapshot_items_report_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "report_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "coverage_rollups",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    commune_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    with_personal_id = table.Column<int>(type: "integer", nullable: false),
                    verified = table.Column<int>(type: "integer", nullable: false),
                    health_current = table.Column<int>(type: "integer", nullable: false),
                    open_items = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coverage_rollups", x => new { x.run_id, x.commune_code, x.person_kind });
                    table.ForeignKey(
                        name: "fk_coverage_rollups_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coverage_snapshots",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    with_personal_id = table.Column<int>(type: "integer", nullable: false),
                    verified = table.Column<int>(type: "integer", nullable: false),
                    health_current = table.Column<int>(type: "integer", nullable: false),
                    open_items = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coverage_snapshots", x => new { x.run_id, x.school_code, x.person_kind });
                    table.ForeignKey(
                        name: "fk_coverage_snapshots_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "level_figures",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    person_kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    level = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    persons = table.Column<int>(type: "integer", nullable: false),
                    with_personal_id = table.Column<int>(type: "integer", nullable: false),
                    complete = table.Column<int>(type: "integer", nullable: false),
                    verified = table.Column<int>(type: "integer", nullable: false),
                    health_synced = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_level_figures", x => new { x.run_id, x.school_code, x.person_kind, x.level });
                    table.ForeignKey(
                        name: "fk_level_figures_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pulls",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cursor = table.Column<string>(type: "text", nullable: true),
                    exhausted = table.Column<bool>(type: "boolean", nullable: false),
                    updated_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    received = table.Column<int>(type: "integer", nullable: false),
                    stored = table.Column<int>(type: "integer", nullable: false),
                    quarantined = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pulls", x => x.id);
                    table.ForeignKey(
                        name: "fk_pulls_sync_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "sync_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "web_sessions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ticket = table.Column<byte[]>(type: "bytea", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_web_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_web_sessions_web_users_user_id",
                        column: x => x.user_id,
                        principalTable: "web_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "batches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    pull_id = table.Column<long>(type: "bigint", nullable: false),
                    dataset = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    school_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    cursor_start = table.Column<string>(type: "text", nullable: true),
                    cursor_next = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    upstream_status = table.Column<int>(type: "integer", nullable: true),
                    upstream_body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    retry_of = table.Column<long>(type: "bigint", nullable: true),
                    received = table.Column<int>(type: "integer", nullable: false),
                    stored = table.Column<int>(type: "integer", nullable: false),
                    quarantined = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_batches", x => x.id);
                    table.ForeignKey(
                        name: "fk_batches_pulls_pull_id",
                        column: x => x.pull_id,
                        principalTable: "pulls",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_action_at",
                table: "audit_log",
                columns: new[] { "action", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_actor_at",
                table: "audit_log",
                columns: new[] { "actor", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_school_code_at",
                table: "audit_log",
                columns: new[] { "school_code", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_batches_pull_id",
                table: "batches",
                column: "pull_id");

            migrationBuilder.CreateIndex(
                name: "ix_batches_retry_of",
                table: "batches",
                column: "retry_of",
                filter: "retry_of IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_batches_run_id_status",
                table: "batches",
                columns: new[] { "run_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_batches_school_code_id",
                table: "batches",
                columns: new[] { "school_code", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_batches_source_id",
                table: "batches",
                columns: new[] { "source", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_batches_status",
                table: "batches",
                column: "status",
                filter: "status = 'failed'");

            migrationBuilder.CreateIndex(
                name: "ix_coverage_snapshots_school_code_taken_at",
                table: "coverage_snapshots",
                columns: new[] { "school_code", "taken_at" });

            migrationBuilder.CreateIndex(
                name: "ix_health_exams_school_code",
                table: "health_exams",
                column: "school_code");

            migrationBuilder.CreateIndex(
                name: "ix_health_exams_student_key_exam_date",
                table: "health_exams",
                columns: new[] { "student_key", "exam_date" });

            migrationBuilder.CreateIndex(
                name: "ix_health_exams_unreadable",
                table: "health_exams",
                column: "student_key",
                filter: "unreadable IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_level_figures_school_code_taken_at",
                table: "level_figures",
                columns: new[] { "school_code", "taken_at" });

            migrationBuilder.CreateIndex(
                name: "ix_mismatch_events_mismatch_id",
                table: "mismatch_events",
                column: "mismatch_id");

            migrationBuilder.CreateIndex(
                name: "ix_mismatches_kind_person_kind_person_ref_field_key_side",
                table: "mismatches",
                columns: new[] { "kind", "person_kind", "person_ref", "field_key", "side" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mismatches_school_code_status_kind",
                table: "mismatches",
                columns: new[] { "school_code", "status", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_mismatches_status_kind",
                table: "mismatches",
                columns: new[] { "status", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_open_item_counts_school_code",
                table: "open_item_counts",
                column: "school_code");

            migrationBuilder.CreateIndex(
                name: "ix_person_records_moet_code_person_kind_source",
                table: "person_records",
                columns: new[] { "moet_code", "person_kind", "source" },
                filter: "source IN ('sms', 'national')");

            migrationBuilder.CreateIndex(
                name: "ix_person_records_personal_id_digits_person_kind_source",
                table: "person_records",
                columns: new[] { "personal_id_digits", "person_kind", "source" },
                filter: "source IN ('sms', 'national')");

            migrationBuilder.CreateIndex(
                name: "ix_person_records_placeholders",
                table: "person_records",
                columns: new[] { "personal_id_digits", "person_kind", "source" },
                filter: "quarantine_reasons IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_records_school_code_source",
                table: "person_records",
                columns: new[] { "school_code", "source" });

            migrationBuilder.CreateIndex(
                name: "ix_person_records_unknown_codes",
                table: "person_records",
                columns: new[] { "source", "person_kind", "source_key" },
                filter: "unknown_codes IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_records_unreadable",
                table: "person_records",
                columns: new[] { "source", "person_kind", "source_key" },
                filter: "unreadable IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_pulls_run_id_status_id",
                table: "pulls",
                columns: new[] { "run_id", "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_quarantine_batch_id",
                table: "quarantine",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_quarantine_run_id",
                table: "quarantine",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_report_snapshot_items_snapshot_id_school_code_kind",
                table: "report_snapshot_items",
                columns: new[] { "snapshot_id", "school_code", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_report_snapshots_cut_off_period",
                table: "report_snapshots",
                columns: new[] { "cut_off", "period" },
                unique: true,
                filter: "period <> 'on_demand'");

            migrationBuilder.CreateIndex(
                name: "ix_sync_runs_requested_at",
                table: "sync_runs",
                column: "requested_at");

            migrationBuilder.CreateIndex(
                name: "ix_web_sessions_key_hash",
                table: "web_sessions",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_web_sessions_user_id",
                table: "web_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_web_users_email",
                table: "web_users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_year_end_rosters_snapshot_id_school_code",
                table: "year_end_rosters",
                columns: new[] { "snapshot_id", "school_code" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "batches");

            migrationBuilder.DropTable(
                name: "code_drift_counts");

            migrationBuilder.DropTable(
                name: "code_drifts");

            migrationBuilder.DropTable(
                name: "coverage_rollups");

            migrationBuilder.DropTable(
                name: "coverage_snapshots");

            migrationBuilder.DropTable(
                name: "deferred_indexes");

            migrationBuilder.DropTable(
                name: "health_exams");

            migrationBuilder.DropTable(
                name: "level_figures");

            migrationBuilder.DropTable(
                name: "mismatch_events");

            migrationBuilder.DropTable(
                name: "open_item_counts");

            migrationBuilder.DropTable(
                name: "person_records");

            migrationBuilder.DropTable(
                name: "quarantine");

            migrationBuilder.DropTable(
                name: "report_snapshot_figures");

            migrationBuilder.DropTable(
                name: "report_snapshot_items");

            migrationBuilder.DropTable(
                name: "schools");

            migrationBuilder.DropTable(
                name: "source_pauses");

            migrationBuilder.DropTable(
                name: "sync_watermarks");

            migrationBuilder.DropTable(
                name: "web_sessions");

            migrationBuilder.DropTable(
                name: "year_end_rosters");

            migrationBuilder.DropTable(
                name: "pulls");

            migrationBuilder.DropTable(
                name: "mismatches");

            migrationBuilder.DropTable(
                name: "report_snapshots");

            migrationBuilder.DropTable(
                name: "web_users");

            migrationBuilder.DropTable(
                name: "sync_runs");
        }
    }
}
