using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// The methods a type's code calls, read from its IL (its lambdas, local functions and async state machines,
/// which the compiler nests inside it, included): "Namespace.Type::Method/ParameterCount".
/// </summary>
public static class IlCalls
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    public static IReadOnlySet<string> Of(string assemblyPath, string typeFullName) => Read(assemblyPath, typeFullName).Calls;

    public static IReadOnlySet<string> StringsOf(string assemblyPath, string typeFullName) => Read(assemblyPath, typeFullName).Strings;

    private static (HashSet<string> Calls, HashSet<string> Strings) Read(string assemblyPath, string typeFullName)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        var calls = new HashSet<string>(StringComparer.Ordinal);
        var strings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            var name = FullName(metadata, handle);
            if (name != typeFullName && !name.StartsWith(typeFullName + "/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var methodHandle in metadata.GetTypeDefinition(handle).GetMethods())
            {
                var method = metadata.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress != 0)
                {
                    Scan(metadata, pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader(), calls, strings);
                }
            }
        }

        return (calls, strings);
    }

    private static void Scan(MetadataReader metadata, BlobReader il, HashSet<string> calls, HashSet<string> strings)
    {
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            var operand = Operands[value];
            if (value is 0x28 or 0x6F or 0x73 or unchecked((short)0xFE06) or unchecked((short)0xFE07))
            {
                calls.Add(Describe(metadata, MetadataTokens.EntityHandle(il.ReadInt32())));
                continue;
            }

            if (value == 0x72)
            {
                // ldstr: a user-string token.
                strings.Add(metadata.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF)));
                continue;
            }

            var skip = operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 * il.ReadInt32(),
                _ => 4,
            };
            il.Offset += skip;
        }
    }

    private static string Describe(MetadataReader metadata, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodSpecification:
                return Describe(metadata, metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method);
            case HandleKind.MethodDefinition:
                var definition = metadata.GetMethodDefinition((MethodDefinitionHandle)handle);
                return $"{FullName(metadata, definition.GetDeclaringType())}::{metadata.GetString(definition.Name)}/{ParameterCount(metadata, definition.Signature)}";
            case HandleKind.MemberReference:
                var reference = metadata.GetMemberReference((MemberReferenceHandle)handle);
                return $"{ParentName(metadata, reference.Parent)}::{metadata.GetString(reference.Name)}/{ParameterCount(metadata, reference.Signature)}";
            default:
                return handle.Kind.ToString();
        }
    }

    private static int ParameterCount(MetadataReader metadata, BlobHandle signature)
    {
        var blob = metadata.GetBlobReader(signature);
        var header = blob.ReadSignatureHeader();
        if (header.IsGeneric)
        {
            blob.ReadCompressedInteger();
        }

        return blob.ReadCompressedInteger();
    }

    private static string ParentName(MetadataReader metadata, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => FullName(metadata, (TypeReferenceHandle)parent),
        HandleKind.TypeDefinition => FullName(metadata, (TypeDefinitionHandle)parent),
        HandleKind.TypeSpecification => GenericName(metadata, (TypeSpecificationHandle)parent),
        _ => parent.Kind.ToString(),
    };

    private static string GenericName(MetadataReader metadata, TypeSpecificationHandle handle)
    {
        var blob = metadata.GetBlobReader(metadata.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() == SignatureTypeCode.GenericTypeInstance)
        {
            blob.ReadSignatureTypeCode();
            var type = blob.ReadTypeHandle();
            return type.Kind == HandleKind.TypeReference ? FullName(metadata, (TypeReferenceHandle)type) : FullName(metadata, (TypeDefinitionHandle)type);
        }

        return "TypeSpecification";
    }

    private static string FullName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        var name = metadata.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? Qualified(metadata.GetString(type.Namespace), name) : $"{FullName(metadata, declaring)}/{name}";
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(metadata, (TypeReferenceHandle)type.ResolutionScope)}/{name}"
            : Qualified(metadata.GetString(type.Namespace), name);
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";
}
