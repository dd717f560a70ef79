using Bunit;
using CollabApp.Components.Shared;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Tests.Components;

/// <summary>The plain input in MudTextField's outlined markup (issue 13): named, labelled, immediate, and cleared by its owner.</summary>
public sealed class OutlinedTextFieldTests : BunitContext
{
    [Fact]
    public void Typing_ReportsEachValue_MovesTheLabelUp_AndTheOwnerCanClearIt()
    {
        var values = new List<string>();
        var keys = new List<string>();
        var cut = Render<OutlinedTextField>(p => p
            .Add(f => f.Label, "New task")
            .Add(f => f.MaxLength, 200)
            .Add(f => f.ValueChanged, v => values.Add(v))
            .Add(f => f.OnKeyDown, (KeyboardEventArgs e) => keys.Add(e.Key)));

        var input = cut.Find("input[aria-label=\"New task\"]");
        Assert.Equal("200", input.GetAttribute("maxlength"));
        Assert.Equal("New task", cut.Find($"label[for=\"{input.Id}\"]").TextContent);
        Assert.DoesNotContain("mud-shrink", cut.Find(".mud-input").ClassList);

        input.Input("Buy milk");
        input.KeyDown(new KeyboardEventArgs { Key = "Enter" });

        Assert.Equal(["Buy milk"], values);
        Assert.Equal(["Enter"], keys);
        Assert.Contains("mud-shrink", cut.Find(".mud-input").ClassList);

        cut.Render(p => p.Add(f => f.Value, ""));
        Assert.Equal("", cut.Find("input").GetAttribute("value"));
        Assert.DoesNotContain("mud-shrink", cut.Find(".mud-input").ClassList);
    }

    [Fact]
    public void TwoFields_HaveTheirOwnLabels()
    {
        var first = Render<OutlinedTextField>(p => p.Add(f => f.Label, "Message"));
        var second = Render<OutlinedTextField>(p => p.Add(f => f.Label, "New task"));

        Assert.NotEqual(first.Find("input").Id, second.Find("input").Id);
        Assert.Equal(first.Find("input").Id, first.Find("label").GetAttribute("for"));
    }
}
