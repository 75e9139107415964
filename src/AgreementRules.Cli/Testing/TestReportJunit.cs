using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace AgreementRules.Cli.Testing
{
    /// <summary>
    /// The report as JUnit XML, the format CI systems (GitHub Actions reporters, GitLab, Jenkins, Azure
    /// Pipelines) read: a test suite per .rules file, a test case per example, a failure with the expected and
    /// the actual decision and the trace. Characters XML 1.0 cannot carry at all (control characters, lone surrogates) are written as
    /// <c>\uXXXX</c> text, so that every CI system's parser reads the file.
    /// </summary>
    internal static class TestReportJunit
    {
        public static void Write(TestReport report, TextWriter o)
        {
            var suites = report.Results.GroupBy(r => r.Declaration.Span.Path).Select(file => new XElement("testsuite",
                new XAttribute("name", Text(file.Key)),
                new XAttribute("tests", file.Count()),
                new XAttribute("failures", file.Count(r => !r.Passed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                file.Select(r => new XElement("testcase",
                    new XAttribute("name", Text(r.Declaration.Title)),
                    new XAttribute("classname", Text(file.Key)),
                    new XAttribute("file", Text(file.Key)),
                    new XAttribute("line", r.Declaration.Span.Line),
                    r.Passed ? null : new XElement("failure",
                        new XAttribute("message", Text(r.Failure!)),
                        new XAttribute("type", r.Decision == null ? "invalid request" : "wrong decision"),
                        Text("expected: " + r.Expected + "\nactual: " + (r.Actual ?? "not a valid request") +
                        (r.Decision == null ? "" : "\ntrace:\n" + string.Join("\n", r.Decision.Trace.Select(t => "  " + t)))))))));
            var document = new XDocument(new XElement("testsuites",
                new XAttribute("name", "agreement-rules test"),
                new XAttribute("tests", report.Results.Count),
                new XAttribute("failures", report.Failed),
                suites));
            // The declaration is written by hand: an XmlWriter over a TextWriter would name the writer's encoding
            // (UTF-16 for a StringWriter), while the bytes that reach the file or the pipe are UTF-8.
            o.WriteLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            using var writer = XmlWriter.Create(o, new XmlWriterSettings
            {
                Indent = true, OmitXmlDeclaration = true, CloseOutput = false,
            });
            document.Save(writer);
            writer.Flush();
            o.WriteLine();
        }

        /// <summary>
        /// The text with every character XML 1.0 forbids written as <c>\uXXXX</c>: a character reference such as
        /// <c>&amp;#x1;</c> is itself invalid XML 1.0, and JUnit readers reject the whole file for it.
        /// </summary>
        private static string Text(string text)
        {
            if (text.All(XmlConvert.IsXmlChar)) return text;
            var b = new StringBuilder(text.Length + 16);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (XmlConvert.IsXmlChar(c)) b.Append(c);
                else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) b.Append(c).Append(text[++i]);
                else b.Append("\\u").Append(((int)c).ToString("X4"));
            }
            return b.ToString();
        }
    }
}
