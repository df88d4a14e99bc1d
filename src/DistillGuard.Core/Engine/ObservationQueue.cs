namespace DistillGuard.Core.Engine;

/// <summary>
/// A first-in, first-out queue of observations that hands out its head by reference, so that an observation is copied
/// once on the way in and not again on the way out.
/// </summary>
internal sealed class ObservationQueue
{
    private ExchangeObservation[] _items = new ExchangeObservation[64];
    private int _head;

    /// <summary>Gets how many observations wait.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the oldest observation; only while <see cref="Count"/> is positive.</summary>
    public ref readonly ExchangeObservation Head
    {
        get
        {
            if (Count == 0)
            {
                throw new InvalidOperationException("The queue is empty.");
            }

            return ref _items[_head];
        }
    }

    /// <summary>Gets the observation <paramref name="index"/> places behind the head.</summary>
    public ref readonly ExchangeObservation this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var at = _head + index;
            return ref _items[at < _items.Length ? at : at - _items.Length];
        }
    }

    /// <summary>Adds an observation at the tail.</summary>
    public void Enqueue(in ExchangeObservation observation)
    {
        if (Count == _items.Length)
        {
            var bigger = new ExchangeObservation[_items.Length * 2];
            var firstPart = _items.Length - _head;
            Array.Copy(_items, _head, bigger, 0, firstPart);
            Array.Copy(_items, 0, bigger, firstPart, _head);
            _items = bigger;
            _head = 0;
        }

        var tail = _head + Count;
        _items[tail < _items.Length ? tail : tail - _items.Length] = observation;
        Count++;
    }

    /// <summary>Removes the oldest observation, clearing its slot so that its references do not linger.</summary>
    public void DropHead()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        _items[_head] = default;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
        Count--;
    }
}
