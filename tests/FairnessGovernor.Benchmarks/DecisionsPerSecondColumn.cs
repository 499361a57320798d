using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>Items per second (the Tasks parameter / Mean) and ns per item: decisions/s for allocation, tasks/s for loaders.</summary>
    public sealed class PerItemColumn : IColumn
    {
        private readonly bool _rate;
        public PerItemColumn(bool rate) { _rate = rate; }
        public string Id => _rate ? "ItemsPerSec" : "NsPerItem";
        public string ColumnName => _rate ? "Items/s" : "ns/item";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => _rate ? 0 : 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => _rate ? "items (the Tasks parameter) per second" : "nanoseconds per item";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            var p = benchmarkCase.Parameters.Items.FirstOrDefault(i => i.Name == "Tasks");
            if (report?.ResultStatistics == null || p == null) return "-";
            double n = System.Convert.ToDouble(p.Value, CultureInfo.InvariantCulture);
            double ns = report.ResultStatistics.Mean;
            return _rate ? (n / (ns / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : (ns / n).ToString("F1", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Adds the per-item columns.</summary>
    public sealed class PerItemConfigAttribute : BenchmarkDotNet.Attributes.ColumnConfigBaseAttribute
    {
        public PerItemConfigAttribute() : base(new PerItemColumn(true), new PerItemColumn(false)) { }
    }
}
