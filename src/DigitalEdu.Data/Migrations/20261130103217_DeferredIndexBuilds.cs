using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DigitalEdu.Sync.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DeferredIndexBuilds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deferred_indexes");
        }
    }
}
