using System.Buffers;
using System.Collections;

namespace DistillGuard.Server.Ingestion;

/// <summary>
/// A list whose array is rented from <see cref="ArrayPool{T}.Shared"/> and returned (cleared) by
/// <see cref="Dispose"/>: an ingest body's exchanges, held until the body is journalled.
/// </summary>
/// <remarks>
/// An ingest body's list of a few thousand exchanges with their features is larger than the large-object threshold;
/// allocated afresh for every body, such lists kept the service in blocking full garbage collections (the large
/// object heap is collected with generation 2 only), tens of milliseconds each, stalling every decision meanwhile.
/// Rented, the same few arrays serve body after body.
/// </remarks>
/// <typeparam name="T">The items.</typeparam>
internal sealed class PooledList<T> : IReadOnlyList<T>, IDisposable
{
    private T[] _items = [];

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _items[index];
        }
    }

    /// <summary>Adds an item, renting a larger array when full (the old one goes back to the pool).</summary>
    public void Add(T item)
    {
        if (Count == _items.Length)
        {
            var larger = ArrayPool<T>.Shared.Rent(Math.Max(256, _items.Length * 2));
            _items.AsSpan(0, Count).CopyTo(larger);
            Release();
            _items = larger;
        }

        _items[Count++] = item;
    }

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _items[i];
        }
    }

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the array to the pool, cleared (it holds references); the list is empty afterwards.</summary>
    public void Dispose()
    {
        Release();
        _items = [];
        Count = 0;
    }

    private void Release()
    {
        if (_items.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_items, clearArray: true);
        }
    }
}
