using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncIoTools.Diagnostics;

/// <summary>
/// An enum written as its camelCase name ("healthy", "syncOverAsync"), as the diagnostics reports have always
/// written them; a parameterless subclass so that a source-generated context can name it.
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase)
    where TEnum : struct, Enum;
