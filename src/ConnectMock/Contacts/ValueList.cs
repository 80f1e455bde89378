using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ConnectMock.Contacts;

/// <summary>
/// A read-only list of a request, equal to another with the same items in the same order: what lets a record's
/// generated equality cover its lists (a list compares by reference). Wraps the items it is given, without a copy.
/// </summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
internal sealed class ValueList<T>(IReadOnlyList<T> items) : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly IReadOnlyList<T> _items = items ?? throw new ArgumentNullException(nameof(items));

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    [return: NotNullIfNotNull(nameof(items))]
    public static implicit operator ValueList<T>?(T[]? items) => items is null ? null : new(items);

    [return: NotNullIfNotNull(nameof(items))]
    public static implicit operator ValueList<T>?(List<T>? items) => items is null ? null : new(items);

    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueList<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(_items[i], other[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < Count; i++)
        {
            hash.Add(_items[i]);
        }

        return hash.ToHashCode();
    }
}

/// <summary>Makes <see cref="ValueList{T}"/>s, from collection expressions too.</summary>
internal static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => new(items.ToArray());

    [return: NotNullIfNotNull(nameof(items))]
    public static ValueList<T>? Of<T>(IReadOnlyList<T>? items) => items is null ? null : new(items);
}
