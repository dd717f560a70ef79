using System.Text;
using CollabApp.Components.Shared;
using CollabApp.Core.Todos;

namespace CollabApp.Components.Todos;

/// <summary>
/// A to-do row's content as markup text: its checkbox, title, saving mark and the move, edit and delete buttons. The
/// controls carry a <c>data-action</c> and no handler: the list's <see cref="EventHandlers"/> handlers receive them (issue 13).
/// The title is encoded wherever it appears (<see cref="HtmlText"/>).
/// </summary>
public static class TodoRowHtml
{
    /// <summary>The <c>data-action</c> of each control, as the list's handlers read them.</summary>
    public static class Actions
    {
        public const string Done = "done";
        public const string Up = "up";
        public const string Down = "down";
        public const string Edit = "edit";
        public const string Delete = "delete";
    }

    /// <param name="first">The row is the first: it cannot move up.</param>
    /// <param name="last">The row is the last: it cannot move down.</param>
    public static string Content(TodoItem item, bool pending, bool first, bool last)
    {
        var html = new StringBuilder(1024).Append("<input type=\"checkbox\" class=\"collab-todo-check\"")
            .AppendAttribute("aria-label", item.Title).AppendAttribute("data-action", Actions.Done);
        if (item.Done)
        {
            html.Append(" checked");
        }
        html.Append("><span class=\"collab-todo-title\"").AppendAttribute("data-done", item.Done ? "true" : "false").Append('>')
            .AppendEncoded(item.Title).Append("</span>");
        if (pending)
        {
            html.Append("<span class=\"collab-todo-pending\" title=\"Saving…\" aria-hidden=\"true\"></span>");
        }
        html.Append("<span class=\"collab-todo-actions\">");
        html.AppendSmallIconButton(Actions.Up, $"Move {item.Title} up", IconSprite.ArrowUpward, disabled: first);
        html.AppendSmallIconButton(Actions.Down, $"Move {item.Title} down", IconSprite.ArrowDownward, disabled: last);
        html.AppendSmallIconButton(Actions.Edit, $"Edit {item.Title}", IconSprite.Edit);
        html.AppendSmallIconButton(Actions.Delete, $"Delete {item.Title}", IconSprite.Delete);
        return html.Append("</span>").ToString();
    }
}
