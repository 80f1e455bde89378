using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ConnectMock.Contacts;

/// <summary>
/// A read-only map of a request, equal to another with the same entries in any order: what lets a record's generated
/// equality cover its maps (a dictionary compares by reference). Wraps the dictionary it is given, without a copy.
/// </summary>
internal sealed class ValueMap<T>(IReadOnlyDictionary<string, T> entries) : IReadOnlyDictionary<string, T>, IEquatable<ValueMap<T>>
{
    // A Dictionary, for its enumerator that is a struct: comparing and writing a map allocate nothing.
    private readonly Dictionary<string, T> _entries = entries as Dictionary<string, T>
        ?? new Dictionary<string, T>(entries ?? throw new ArgumentNullException(nameof(entries)), StringComparer.Ordinal);

    public int Count => _entries.Count;

    public T this[string key] => _entries[key];

    public IEnumerable<string> Keys => _entries.Keys;

    public IEnumerable<T> Values => _entries.Values;

    [return: NotNullIfNotNull(nameof(entries))]
    public static implicit operator ValueMap<T>?(Dictionary<string, T>? entries) => entries is null ? null : new(entries);

    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => _entries.TryGetValue(key, out value);

    public Dictionary<string, T>.Enumerator GetEnumerator() => _entries.GetEnumerator();

    IEnumerator<KeyValuePair<string, T>> IEnumerable<KeyValuePair<string, T>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ValueMap<T>? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (key, value) in _entries)
        {
            if (!other.TryGetValue(key, out var otherValue) || !EqualityComparer<T>.Default.Equals(value, otherValue))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ValueMap<T>);

    /// <summary>Independent of order, like <see cref="Equals(ValueMap{T})"/>.</summary>
    public override int GetHashCode()
    {
        var hash = Count;
        foreach (var (key, value) in _entries)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), value);
        }

        return hash;
    }
}

/// <summary>Makes <see cref="ValueMap{T}"/>s.</summary>
internal static class ValueMap
{
    [return: NotNullIfNotNull(nameof(entries))]
    public static ValueMap<T>? Of<T>(IReadOnlyDictionary<string, T>? entries) => entries is null ? null : new(entries);
}
