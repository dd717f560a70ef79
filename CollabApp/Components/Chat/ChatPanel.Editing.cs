using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace CollabApp.Components.Chat;

/// <summary>Editing and deleting one's own messages: the keys of the edit box; <see cref="MessageEditor"/> decides.</summary>
public sealed partial class ChatPanel
{
    /// <summary>Who may be mentioned: the people of the room as this panel knows them (authors shown, people online, me).</summary>
    private IReadOnlySet<string> Members
    {
        get
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { User.UserName };
            names.UnionWith(_timeline.Entries.Select(e => e.UserName));
            names.UnionWith(Connection.State?.Online.Select(p => p.UserName) ?? []);
            return names;
        }
    }

    private async Task OnEditKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            _editor.Cancel();
        }
        else if (e.Key == "Enter" && !e.ShiftKey && !e.IsComposing)
        {
            await SaveEditAsync();
        }
    }

    private async Task SaveEditAsync()
    {
        await _editor.SaveAsync();
        StateHasChanged();
    }

    private async Task DeleteMessageAsync(ChatEntry entry)
    {
        if (await _editor.DeleteAsync(entry) is { } failure)
        {
            Snackbar.Add($"The message was not deleted. {failure}", Severity.Warning);
        }
        StateHasChanged();
    }
}
