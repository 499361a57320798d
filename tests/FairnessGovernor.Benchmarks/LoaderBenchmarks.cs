using System.IO;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FairnessGovernor.Input;
using YamlDotNet.Core;

namespace FairnessGovernor.Benchmarks
{
    /// <summary>Task files: the loaders against the raw parsers they sit on (Utf8JsonReader, YamlDotNet's Parser).</summary>
    [MemoryDiagnoser, PerItemConfig]
    public class JsonLoaderBenchmarks
    {
        private string _path = null!;

        [Params(10_000, 100_000, 1_000_000)]
        public int Tasks { get; set; }

        [GlobalSetup]
        public void Setup() => _path = Inputs.TaskFile(Tasks, ".json");

        /// <summary>Baseline: read the file and walk every token with Utf8JsonReader (no model).</summary>
        [Benchmark(Baseline = true)]
        public int RawUtf8JsonReader()
        {
            var bytes = File.ReadAllBytes(_path);
            var reader = new Utf8JsonReader(bytes);
            int tokens = 0;
            while (reader.Read()) tokens++;
            return tokens;
        }

        [Benchmark]
        public int TaskLoaderFromFile() => TaskLoader.FromFile(_path).Count;
    }

    [MemoryDiagnoser, PerItemConfig]
    public class YamlLoaderBenchmarks
    {
        private string _path = null!;

        [Params(10_000, 100_000)]
        public int Tasks { get; set; }

        [GlobalSetup]
        public void Setup() => _path = Inputs.TaskFile(Tasks, ".yaml");

        /// <summary>Baseline: read the file and pull every event from YamlDotNet's Parser (no model).</summary>
        [Benchmark(Baseline = true)]
        public int RawYamlDotNetParser()
        {
            var parser = new Parser(new StringReader(File.ReadAllText(_path)));
            int events = 0;
            while (parser.MoveNext()) events++;
            return events;
        }

        [Benchmark]
        public int TaskLoaderFromFile() => TaskLoader.FromFile(_path).Count;
    }
}
