using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IndexesLeadWithSelectiveColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_person_records",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_source_person_kind_moet_code",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_source_person_kind_personal_id_digits",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_source_school_code",
                table: "person_records");

            migrationBuilder.AddPrimaryKey(
                name: "pk_person_records",
                table: "person_records",
                columns: new[] { "source_key", "person_kind", "source" });

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
                name: "ix_person_records_school_code_source",
                table: "person_records",
                columns: new[] { "school_code", "source" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_person_records",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_moet_code_person_kind_source",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_personal_id_digits_person_kind_source",
                table: "person_records");

            migrationBuilder.DropIndex(
                name: "ix_person_records_school_code_source",
                table: "person_records");

            migrationBuilder.AddPrimaryKey(
                name: "pk_person_records",
                table: "person_records",
                columns: new[] { "source", "person_kind", "source_key" });

            migrationBuilder.CreateIndex(
                name: "ix_person_records_source_person_kind_moet_code",
                table: "person_records",
                columns: new[] { "source", "person_kind", "moet_code" });

            migrationBuilder.CreateIndex(
                name: "ix_person_records_source_person_kind_personal_id_digits",
                table: "person_records",
                columns: new[] { "source", "person_kind", "personal_id_digits" });

            migrationBuilder.CreateIndex(
                name: "ix_person_records_source_school_code",
                table: "person_records",
                columns: new[] { "source", "school_code" });
        }
    }
}
