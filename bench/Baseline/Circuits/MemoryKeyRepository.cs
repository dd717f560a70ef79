using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CollabApp.Baseline.Circuits;

/// <summary>
/// Data protection keys (circuit descriptors and antiforgery tokens are protected with them) kept in memory: the
/// baseline is a throwaway benchmark process, and the default repository would write a key file under the home
/// directory on every start.
/// </summary>
public sealed class MemoryKeyRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];
    private readonly Lock _lock = new();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_lock)
        {
            return [.. _elements.Select(e => new XElement(e))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_lock)
        {
            _elements.Add(new XElement(element));
        }
    }
}
