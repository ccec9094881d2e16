using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClaimInIdOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pulls_run_id_status",
                table: "pulls");

            migrationBuilder.CreateIndex(
                name: "ix_pulls_run_id_status_id",
                table: "pulls",
                columns: new[] { "run_id", "status", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_pulls_run_id_status_id",
                table: "pulls");

            migrationBuilder.CreateIndex(
                name: "ix_pulls_run_id_status",
                table: "pulls",
                columns: new[] { "run_id", "status" });
        }
    }
}
