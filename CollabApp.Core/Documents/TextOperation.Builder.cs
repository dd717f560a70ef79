namespace CollabApp.Core.Documents;

public sealed partial class TextOperation
{
    /// <summary>
    /// Appends components in document order and normalises as it goes, as ot.js's
    /// <c>retain</c>/<c>insert</c>/<c>delete</c> do: runs merge, zero counts and empty text are ignored,
    /// and an insert that follows a delete moves before it (both orders have the same effect).
    /// </summary>
    public sealed class Builder
    {
        private readonly List<OpComponent> _components = [];
        private int _baseLength;
        private int _targetLength;

        /// <summary>Keeps <paramref name="count"/> units; 0 is a no-op.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
        /// <exception cref="OverflowException">The operation would span more than int.MaxValue units.</exception>
        public Builder Retain(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }
            _baseLength = checked(_baseLength + count);
            _targetLength = checked(_targetLength + count);
            if (_components.Count > 0 && _components[^1] is Retain last)
            {
                _components[^1] = new Retain(last.Count + count);
            }
            else
            {
                _components.Add(new Retain(count));
            }
            return this;
        }

        /// <summary>Inserts <paramref name="text"/>; the empty string is a no-op.</summary>
        /// <exception cref="ArgumentException">The text holds an unpaired surrogate.</exception>
        public Builder Insert(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (text.Length == 0)
            {
                return this;
            }
            var unpaired = Utf16.IndexOfUnpairedSurrogate(text);
            if (unpaired >= 0)
            {
                throw new ArgumentException($"inserted text has an unpaired surrogate at index {unpaired}", nameof(text));
            }
            _targetLength = checked(_targetLength + text.Length);
            var count = _components.Count;
            if (count > 0 && _components[^1] is Insert last)
            {
                _components[^1] = new Insert(last.Text + text);
            }
            else if (count > 0 && _components[^1] is Delete)
            {
                // Insert-before-delete is the canonical order of the pair.
                if (count > 1 && _components[^2] is Insert previous)
                {
                    _components[^2] = new Insert(previous.Text + text);
                }
                else
                {
                    _components.Insert(count - 1, new Insert(text));
                }
            }
            else
            {
                _components.Add(new Insert(text));
            }
            return this;
        }

        /// <summary>Removes <paramref name="count"/> units; 0 is a no-op.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
        /// <exception cref="OverflowException">The operation would span more than int.MaxValue units.</exception>
        public Builder Delete(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            if (count == 0)
            {
                return this;
            }
            _baseLength = checked(_baseLength + count);
            if (_components.Count > 0 && _components[^1] is Delete last)
            {
                _components[^1] = new Delete(last.Count + count);
            }
            else
            {
                _components.Add(new Delete(count));
            }
            return this;
        }

        /// <summary>Appends any component through the normalising methods above.</summary>
        public Builder Add(OpComponent component) => component switch
        {
            Retain r => Retain(r.Count),
            Insert i => Insert(i.Text),
            Delete d => Delete(d.Count),
            _ => throw new ArgumentException($"unknown component {component}", nameof(component)),
        };

        /// <summary>The operation built so far; the builder can go on appending afterwards.</summary>
        public TextOperation Build() =>
            _components.Count == 0 ? Empty : new TextOperation([.. _components], _baseLength, _targetLength);
    }
}
