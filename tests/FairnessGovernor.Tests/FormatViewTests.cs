using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// The default views in module/FairnessGovernor.Format.ps1xml: every column and list item that names a property
    /// names one the engine type has, and a table column shows the property its header says (the header is the
    /// property's name or its start: Seq for Sequence, Tasks for TaskCount).
    /// </summary>
    public class FormatViewTests
    {
        [Fact]
        public void Every_view_names_real_properties_under_matching_headers()
        {
            var doc = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "module", "FairnessGovernor.Format.ps1xml"));
            var engine = typeof(FairnessGovernor.Allocation.Allocator).Assembly;
            int checkedColumns = 0;
            foreach (var view in doc.Descendants("View"))
            {
                var typeName = view.Element("ViewSelectedBy")!.Element("TypeName")!.Value;
                var type = engine.GetType(typeName);
                Assert.True(type != null, "view " + view.Element("Name")!.Value + ": no engine type " + typeName);
                foreach (var name in view.Descendants("PropertyName").Select(p => p.Value))
                    Assert.True(type!.GetProperty(name) != null, typeName + " has no property " + name);
                var table = view.Element("TableControl");
                if (table == null) continue;
                var labels = table.Element("TableHeaders")!.Elements("TableColumnHeader").Select(h => h.Element("Label")?.Value).ToList();
                var items = table.Descendants("TableColumnItems").First().Elements("TableColumnItem").ToList();
                Assert.Equal(labels.Count, items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    var property = items[i].Element("PropertyName")?.Value;
                    if (property == null || labels[i] == null) continue;
                    Assert.True(property.StartsWith(labels[i]!.TrimEnd('s'), System.StringComparison.Ordinal),
                        typeName + ": the column headed '" + labels[i] + "' shows " + property);
                    checkedColumns++;
                }
            }
            Assert.True(checkedColumns >= 15, "only " + checkedColumns + " columns checked");
        }
    }
}
