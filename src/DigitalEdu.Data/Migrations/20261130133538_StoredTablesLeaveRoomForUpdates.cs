using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StoredTablesLeaveRoomForUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Applies to pages written from now on; the next full province run puts freshly filled tables in their place.
            migrationBuilder.AlterTable(
                name: "person_records")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AlterTable(
                name: "health_exams")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "person_records")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AlterTable(
                name: "health_exams")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);
        }
    }
}
