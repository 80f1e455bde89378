using System.Collections.Concurrent;

namespace ConnectMock.Contacts.Storage;

/// <summary>
/// One copy of the values that repeat from contact to contact (instance and flow ids, content types, attribute
/// keys): the store keeps up to 50,000 contacts, and every string it keeps is an object that the GC copies when it
/// promotes the contact. Bounded: short values only, and past <see cref="MaxValues"/> distinct ones a value is kept
/// as it came. Kept for the life of the process, beyond resets, so never a customer's data (display names, message
/// content, attribute values).
/// </summary>
internal static class SharedValues
{
    public const int MaxValues = 4096;

    public const int MaxLength = 128;

    private const int MaxLists = 256;

    private static readonly ConcurrentDictionary<string, string> Values = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<string>> Lists = new(StringComparer.Ordinal);

    // ConcurrentDictionary.Count takes every lock of the dictionary; these count the additions instead.
    private static int _values;
    private static int _lists;

    public static string Share(string value)
    {
        if (value.Length > MaxLength)
        {
            return value;
        }

        if (Values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return AddBounded(Values, ref _values, MaxValues, value, value);
    }

    /// <summary>A read-only list of shared values; equal lists (content types, mostly) are one list.</summary>
    public static IReadOnlyList<string> Share(List<string?> values)
    {
        // Each value with its length in front: a separator alone would make [] and [""], or ["a\nb"] and ["a", "b"], one key.
        var key = string.Concat(values.Select(value => $"{value?.Length ?? -1}:{value}"));
        if (Lists.TryGetValue(key, out var shared))
        {
            return shared;
        }

        IReadOnlyList<string> list = Array.AsReadOnly(values.ConvertAll(v => Share(v!)).ToArray());
        if (key.Length > MaxLength)
        {
            return list;
        }

        return AddBounded(Lists, ref _lists, MaxLists, key, list);
    }

    /// <summary>Adds <paramref name="value"/> unless <paramref name="max"/> entries are there; returns the kept one.</summary>
    private static T AddBounded<T>(ConcurrentDictionary<string, T> map, ref int count, int max, string key, T value)
        where T : class
    {
        if (Interlocked.Increment(ref count) > max)
        {
            Interlocked.Decrement(ref count);
            return value;
        }

        var kept = map.GetOrAdd(key, value);
        if (!ReferenceEquals(kept, value))
        {
            Interlocked.Decrement(ref count); // another thread added it first
        }

        return kept;
    }
}
