using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabApp.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MessageEditsAndReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangeEventId",
                table: "ChatMessages",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChangeEventMs",
                table: "ChatMessages",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeEventSeq",
                table: "ChatMessages",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "Deleted",
                table: "ChatMessages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EditedAt",
                table: "ChatMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RoomReads",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoomId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MessageId = table.Column<string>(type: "text", nullable: true),
                    EventMs = table.Column<long>(type: "bigint", nullable: false),
                    EventSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoomReads", x => new { x.UserId, x.RoomId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoomReads");

            migrationBuilder.DropColumn(
                name: "ChangeEventId",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "ChangeEventMs",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "ChangeEventSeq",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "Deleted",
                table: "ChatMessages");

            migrationBuilder.DropColumn(
                name: "EditedAt",
                table: "ChatMessages");
        }
    }
}
