using System.Text;

namespace CollabApp.Core.Documents;

public sealed partial class TextOperation
{
    /// <summary>
    /// Appends components in document order and normalises as it goes, as ot.js's
    /// <c>retain</c>/<c>insert</c>/<c>delete</c> do: runs merge, zero counts and empty text are ignored,
    /// and an insert that follows a delete moves before it (both orders have the same effect).
    /// </summary>
    /// <remarks>
    /// Every append costs time proportional to its own size only: the trailing insert/delete pair stays
    /// open (the insert text in a <see cref="StringBuilder"/>) until a retain closes it, so 16,000 one-unit
    /// inserts are one linear append rather than 16,000 ever longer string copies.
    /// </remarks>
    public sealed class Builder
    {
        private readonly List<OpComponent> _settled = [];
        private readonly StringBuilder _openInsert = new();
        private int _openDelete;
        private int _baseLength;
        private int _targetLength;

        /// <summary>
        /// The number of components the operation has so far (after normalisation), so that a reader can
        /// stop an over-long operation while it is still being read.
        /// </summary>
        public int ComponentCount =>
            _settled.Count + (_openInsert.Length > 0 ? 1 : 0) + (_openDelete > 0 ? 1 : 0);

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
            SettleOpenRun();
            if (_settled.Count > 0 && _settled[^1] is Retain last)
            {
                _settled[^1] = new Retain(last.Count + count);
            }
            else
            {
                _settled.Add(new Retain(count));
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
            // An open delete stays after the insert: insert-before-delete is the canonical order of the pair.
            _openInsert.Append(text);
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
            _openDelete = checked(_openDelete + count);
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
        public TextOperation Build()
        {
            if (ComponentCount == 0)
            {
                return Empty;
            }
            var components = new List<OpComponent>(ComponentCount);
            components.AddRange(_settled);
            AppendOpenRun(components);
            return new TextOperation([.. components], _baseLength, _targetLength);
        }

        // A retain ends the open insert/delete pair: nothing appended later can merge into it.
        private void SettleOpenRun()
        {
            AppendOpenRun(_settled);
            _openInsert.Clear();
            _openDelete = 0;
        }

        private void AppendOpenRun(List<OpComponent> components)
        {
            if (_openInsert.Length > 0)
            {
                components.Add(new Insert(_openInsert.ToString()));
            }
            if (_openDelete > 0)
            {
                components.Add(new Delete(_openDelete));
            }
        }
    }
}
