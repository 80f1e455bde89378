using System.Reflection;

namespace ConnectMock.Tests.Contacts;

/// <summary>
/// A value of a record with every member set (nested records, maps and lists too, to a small depth), built through
/// its constructor by reflection, so that a member added to the record is covered without editing a test.
/// </summary>
internal static class Filled
{
    private const int MaxDepth = 5;

    public static T Of<T>() => (T)Of(typeof(T), typeof(T).Name, 0)!;

    /// <summary>A copy of <paramref name="value"/> with the constructor parameter <paramref name="member"/> filled differently.</summary>
    public static T With<T>(T value, string member)
    {
        var constructor = typeof(T).GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)!;
        return (T)constructor.Invoke([.. constructor.GetParameters().Select(p => p.Name == member
            ? Of(p.ParameterType, p.Name!, 1, "-other")
            : typeof(T).GetProperty(p.Name!)!.GetValue(value))]);
    }

    private static object? Of(Type type, string name, int depth, string salt = "")
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return $"{name}-{depth}{salt}";
        }

        if (type == typeof(int))
        {
            return 40 + name.Length + depth + salt.Length;
        }

        if (depth >= MaxDepth)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>)))
        {
            var valueType = type.GetGenericArguments()[1];
            var map = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            var value = Of(valueType, name, depth + 1, salt);
            map.Add($"{name}-key", value);
            return value is null ? null : map;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var list
            && (list == typeof(IReadOnlyList<>) || list == typeof(List<>)))
        {
            var itemType = type.GetGenericArguments()[0];
            var items = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            var (first, second) = (Of(itemType, name, depth + 1, salt), Of(itemType, name + "-2", depth + 1, salt));
            items.Add(first);
            items.Add(second);
            return first is null ? null : items;
        }

        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)
            ?? throw new NotSupportedException($"No way to fill a {type}.");
        object?[] arguments = [.. constructor.GetParameters().Select(p => Of(p.ParameterType, p.Name!, depth + 1, salt))];
        return typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && arguments.Contains(null)
            ? null // a collection wrapping one too deep to fill
            : constructor.Invoke(arguments);
    }
}
