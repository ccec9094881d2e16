using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class UnreadableValuesPlaceholdersAndDrift : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "commune_name",
                table: "schools",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "status",
                table: "person_records",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24);

            migrationBuilder.AlterColumn<string>(
                name: "gender",
                table: "person_records",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8);

            migrationBuilder.AlterColumn<string>(
                name: "full_name_key",
                table: "person_records",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<string>(
                name: "full_name",
                table: "person_records",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "date_of_birth",
                table: "person_records",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<string[]>(
                name: "quarantine_reasons",
                table: "person_records",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "uncompared",
                table: "person_records",
                type: "text[]",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unknown_codes",
                table: "person_records",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unreadable",
                table: "person_records",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "field_key",
                table: "mismatches",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldCollation: "C");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "exam_date",
                table: "health_exams",
                type: "date",
                nullable: true,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<string>(
                name: "unreadable",
                table: "health_exams",
                type: "jsonb",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_person_records_placeholders",
                table: "person_records",
                columns: new[] { "personal_id_digits", "person_kind", "source" },
                filter: "quarantine_reasons IS NOT NULL");

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
                name: "ix_health_exams_unreadable",
                table: "health_exams",
                column: "student_key",
                filter: "unreadable IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "code_drift_counts");

            migrationBuilder.DropTable(
                name: "code_drifts");

            migrationBuilder.DropIndex(
                name: "ix_person_records_placeholders",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_unknown_codes",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_unreadable",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_health_exams_unreadable",
                table: "health_exams");

            migrationBuilder.DropColumn(
                name: "commune_name",
                table: "schools");

            migrationBuilder.DropColumn(
                name: "quarantine_reasons",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "uncompared",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "unknown_codes",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "unreadable",
                table: "person_records");

            migrationBuilder.DropColumn(
                name: "unreadable",
                table: "health_exams");

            migrationBuilder.AlterColumn<string>(
                name: "status",
                table: "person_records",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "gender",
                table: "person_records",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(8)",
                oldMaxLength: 8,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "full_name_key",
                table: "person_records",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "full_name",
                table: "person_records",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);

            migrationBuilder.AlterColumn<DateOnly>(
                name: "date_of_birth",
                table: "person_records",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "field_key",
                table: "mismatches",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldCollation: "C");

            migrationBuilder.AlterColumn<DateOnly>(
                name: "exam_date",
                table: "health_exams",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1),
                oldClrType: typeof(DateOnly),
                oldType: "date",
                oldNullable: true);
        }
    }
}
