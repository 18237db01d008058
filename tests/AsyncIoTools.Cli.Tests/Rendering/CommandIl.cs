using System.Reflection;
using System.Reflection.Emit;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// What a type's code calls and which strings it loads, read from its IL (its lambdas, local functions and async
/// state machines, which the compiler nests inside it, included): "Namespace.Type::Method" and the literals.
/// </summary>
internal static class CommandIl
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static (IReadOnlySet<string> Calls, IReadOnlySet<string> Strings) Of(Type type)
    {
        var calls = new HashSet<string>(StringComparer.Ordinal);
        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var nested in Nest(type))
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var method in nested.GetMethods(all).Cast<MethodBase>().Concat(nested.GetConstructors(all)))
            {
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                {
                    Scan(method.Module, il, nested, method, calls, strings);
                }
            }
        }

        return (calls, strings);
    }

    private static IEnumerable<Type> Nest(Type type) =>
        type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(Nest).Prepend(type);

    private static void Scan(Module module, byte[] il, Type type, MethodBase method, HashSet<string> calls, HashSet<string> strings)
    {
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var offset = 0; offset < il.Length;)
        {
            short value = il[offset++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[offset++]));
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                    var callee = module.ResolveMethod(BitConverter.ToInt32(il, offset), typeArguments, methodArguments);
                    calls.Add($"{callee?.DeclaringType?.FullName}::{callee?.Name}");
                    offset += 4;
                    break;
                case OperandType.InlineString:
                    strings.Add(module.ResolveString(BitConverter.ToInt32(il, offset)));
                    offset += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    offset += 1;
                    break;
                case OperandType.InlineVar:
                    offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    offset += 8;
                    break;
                case OperandType.InlineSwitch:
                    offset += 4 + (4 * BitConverter.ToInt32(il, offset));
                    break;
                default:
                    offset += 4;
                    break;
            }
        }
    }
}
