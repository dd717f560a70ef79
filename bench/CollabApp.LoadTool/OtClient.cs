using System.Diagnostics;
using System.Text.Json;
using CollabApp.Core.Documents;
using Microsoft.AspNetCore.SignalR.Client;

namespace CollabApp.LoadTool;

/// <summary>
/// A protocol OT client (ot.js's client model, docs/protocol.md section 7) over one hub connection:
/// <list type="bullet">
/// <item>synchronized: nothing outstanding; a local edit is submitted at once;</item>
/// <item>awaiting confirm: one submission outstanding; local edits compose into the buffer;</item>
/// <item>awaiting with buffer: on the ack (our own <c>operation</c> event) the buffer is submitted.</item>
/// </list>
/// A remote operation (committed first) is transformed against the outstanding op, then the buffer, and applied.
/// </summary>
internal sealed class OtClient(HubConnection connection, string roomId, Percentiles ackLatency)
{
    private readonly Lock _gate = new();
    private DocumentText _document = DocumentText.From(string.Empty);
    private int _revision;
    private TextOperation? _outstanding;
    private string? _outstandingId;
    private long _outstandingSince;
    private TextOperation? _buffer;
    private TaskCompletionSource? _synchronized;

    public int Submits { get; private set; }

    public int Acks { get; private set; }

    public int RemoteOps { get; private set; }

    public int RateLimited { get; private set; }

    public int Revision
    {
        get
        {
            lock (_gate)
            {
                return _revision;
            }
        }
    }

    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _document.Length;
            }
        }
    }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _document.ToString();
            }
        }
    }

    public List<string> Errors { get; } = [];

    /// <summary>Registers the event handler, joins the room and opens the document.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        connection.On<JsonElement>("roomEvent", OnRoomEvent);
        await connection.InvokeAsync<JsonElement>("JoinRoom", roomId, null, cancellationToken);
        var state = await connection.InvokeAsync<JsonElement>("OpenDocument", roomId, cancellationToken);
        lock (_gate)
        {
            _revision = state.GetProperty("revision").GetInt32();
            _document = DocumentText.From(state.GetProperty("text").GetString() ?? string.Empty);
        }
    }

    /// <summary>A local edit: delete <paramref name="delete"/> units at <paramref name="position"/>, insert <paramref name="text"/>.</summary>
    public void Edit(int position, int delete, string text)
    {
        lock (_gate)
        {
            // A remote op may have shortened the document since the caller looked at it.
            var length = _document.Length;
            position = Math.Min(position, length);
            delete = Math.Min(delete, length - position);
            if (delete == 0 && text.Length == 0)
            {
                return;
            }
            var op = new TextOperation.Builder().Retain(position).Delete(delete).Insert(text).Retain(length - position - delete).Build();
            _document.Apply(op);
            if (_outstanding is null)
            {
                SubmitLocked(op);
            }
            else
            {
                _buffer = _buffer is null ? op : TextOt.Compose(_buffer, op);
            }
        }
    }

    /// <summary>Completes when nothing is outstanding or buffered.</summary>
    public Task WaitSynchronizedAsync(TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_outstanding is null)
            {
                return Task.CompletedTask;
            }
            _synchronized ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _synchronized.Task.WaitAsync(timeout);
        }
    }

    private void SubmitLocked(TextOperation op)
    {
        _outstanding = op;
        _outstandingId = Guid.NewGuid().ToString();
        _outstandingSince = Stopwatch.GetTimestamp();
        Submits++;
        _ = InvokeAsync(op, _revision, _outstandingId);
    }

    private async Task InvokeAsync(TextOperation op, int revision, string clientOpId)
    {
        try
        {
            await connection.InvokeAsync<JsonElement>("SubmitOperation", roomId, revision, op, clientOpId);
        }
        catch (Exception e) when (e.Message.Contains("rate-limited:", StringComparison.Ordinal))
        {
            // Refused without effect: resubmit the outstanding op (transformed meanwhile) at the current revision.
            await Task.Delay(100);
            lock (_gate)
            {
                RateLimited++;
                if (_outstandingId == clientOpId && _outstanding is not null)
                {
                    _ = InvokeAsync(_outstanding, _revision, clientOpId);
                }
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                Errors.Add(e.Message);
            }
        }
    }

    private void OnRoomEvent(JsonElement envelope)
    {
        if (envelope.GetProperty("type").GetString() != "operation")
        {
            return;
        }
        var data = envelope.GetProperty("data");
        var revision = data.GetProperty("revision").GetInt32();
        lock (_gate)
        {
            if (revision <= _revision)
            {
                return;
            }
            if (data.GetProperty("clientOpId").GetString() == _outstandingId && _outstandingId is not null)
            {
                ackLatency.Add(Stopwatch.GetElapsedTime(_outstandingSince).TotalMilliseconds);
                Acks++;
                _revision = revision;
                _outstanding = null;
                _outstandingId = null;
                if (_buffer is { } buffer)
                {
                    _buffer = null;
                    SubmitLocked(buffer);
                }
                else
                {
                    _synchronized?.TrySetResult();
                    _synchronized = null;
                }
                return;
            }
            var remote = TextOperation.Parse(data.GetProperty("op"));
            if (_outstanding is not null)
            {
                (remote, _outstanding) = Transform(remote, _outstanding);
                if (_buffer is not null)
                {
                    (remote, _buffer) = Transform(remote, _buffer);
                }
            }
            _document.Apply(remote);
            _revision = revision;
            RemoteOps++;
        }
    }

    // The remote op was committed first: it is "a" and keeps its inserts left at a shared position.
    private static (TextOperation Remote, TextOperation Local) Transform(TextOperation remote, TextOperation local)
    {
        var (remotePrime, localPrime) = TextOt.Transform(remote, local);
        return (remotePrime, localPrime);
    }
}
