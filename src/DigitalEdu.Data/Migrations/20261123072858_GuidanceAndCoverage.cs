using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class GuidanceAndCoverage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "national_verified",
                table: "mismatches",
                type: "boolean",
                nullable: false,
                defaultValue: false);

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

            migrationBuilder.CreateIndex(
                name: "ix_coverage_snapshots_school_code_taken_at",
                table: "coverage_snapshots",
                columns: new[] { "school_code", "taken_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "national_verified",
                table: "mismatches");

            migrationBuilder.DropTable(
                name: "coverage_snapshots");
        }
    }
}
