using System.Collections.Generic;

namespace FairnessGovernor.Input
{
    /// <summary>Finds the list of items in a document: a bare array, or an object wrapping it under a key (SPEC.md 1.1).</summary>
    internal static class ItemList
    {
        public static IReadOnlyList<InputValue> Of(InputValue root, InputSource source, string wrapperKey, string what)
        {
            if (root.Kind == InputValueKind.Array) return root.Items!;
            if (root.Kind == InputValueKind.Object)
            {
                var inner = root.Get(wrapperKey);
                if (inner != null && inner.Kind == InputValueKind.Array) return inner.Items!;
                if (inner != null)
                    throw new FairnessInputException("InvalidDocumentShape", source.Name, null, wrapperKey, "expected an array of " + what + ", got " + inner.Describe() + ".", inner.Line, inner.Column);
            }
            throw new FairnessInputException("InvalidDocumentShape", source.Name, null, null,
                "expected an array of " + what + " or an object with a '" + wrapperKey + "' array, got " + root.Describe() + ".", root.Line, root.Column);
        }
    }
}
