using System.Globalization;
using System.Linq;
using System.Text;

namespace AgreementRules.Compilation
{
    /// <summary>C# literals and names as the emitted source writes them.</summary>
    internal static class CSharpText
    {
        /// <summary>A string literal with every character outside printable ASCII escaped, so no text of a rules file can end it early.</summary>
        public static string String(string? value)
        {
            if (value == null) return "null";
            var text = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') text.Append('\\').Append(c);
                else if (c >= ' ' && c <= '~') text.Append(c);
                else text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            return text.Append('"').ToString();
        }

        /// <summary>A double literal of exactly this value ("R" round-trips every finite double).</summary>
        public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

        public static string Bool(bool value) => value ? "true" : "false";

        public static bool IsIdentifier(string? name) =>
            !string.IsNullOrEmpty(name) && (char.IsLetter(name![0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');

        public static bool IsDottedIdentifier(string? name) => !string.IsNullOrEmpty(name) && name!.Split('.').All(IsIdentifier);

        /// <summary>A comment's text on one line, never closing the comment.</summary>
        public static string Comment(string text) => text.Replace("\r", " ").Replace("\n", " ").Replace("*/", "* /");
    }
}
