using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabApp.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TodoOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastChange",
                table: "Todos",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PublishedVersion",
                table: "Todos",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Rows from before the outbox were published by their writer (or are past helping): start them published, as
            // the kind of change that made them is unknown.
            migrationBuilder.Sql("UPDATE \"Todos\" SET \"PublishedVersion\" = \"Version\", \"LastChange\" = 'updated'");

            migrationBuilder.CreateIndex(
                name: "IX_Todos_Unpublished",
                table: "Todos",
                column: "UpdatedAt",
                filter: "\"Version\" > \"PublishedVersion\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Todos_Unpublished",
                table: "Todos");

            migrationBuilder.DropColumn(
                name: "LastChange",
                table: "Todos");

            migrationBuilder.DropColumn(
                name: "PublishedVersion",
                table: "Todos");
        }
    }
}
