using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// Keeps tests/FairnessGovernor.Benchmarks from rotting: every [Benchmark] method of every benchmark class runs
    /// once, in process, with the smallest numeric parameters (capped at 10,000 items) and every string parameter
    /// value, between its [GlobalSetup] and [GlobalCleanup]. No timing is asserted.
    /// </summary>
    public sealed class BenchmarkSmokeTests
    {
        private const int DryCap = 10_000;

        public static IEnumerable<object[]> BenchmarkClasses() =>
            typeof(FairnessGovernor.Benchmarks.Inputs).Assembly.GetTypes()
                .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() != null))
                .Select(t => new object[] { t.Name });

        [Theory]
        [MemberData(nameof(BenchmarkClasses))]
        public void Every_benchmark_runs_once(string className)
        {
            var type = typeof(FairnessGovernor.Benchmarks.Inputs).Assembly.GetTypes().Single(t => t.Name == className);
            var members = type.GetProperties().Cast<MemberInfo>().Concat(type.GetFields())
                .Select(m => (Member: m, Params: m.GetCustomAttribute<ParamsAttribute>()))
                .Where(p => p.Params != null).ToList();
            // Numbers: the smallest value (capped); strings and others: every value.
            var choices = members.Select(p =>
            {
                var values = p.Params!.Values;
                if (values.All(v => v is int)) return new object?[] { Math.Min(DryCap, values.Cast<int>().Min()) };
                return values;
            }).ToList();
            var methods = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() != null).ToList();
            Assert.NotEmpty(methods);
            int runs = 0;
            foreach (var combo in Product(choices))
            {
                var instance = Activator.CreateInstance(type)!;
                for (int i = 0; i < members.Count; i++)
                {
                    if (members[i].Member is PropertyInfo pi) pi.SetValue(instance, combo[i]);
                    else ((FieldInfo)members[i].Member).SetValue(instance, combo[i]);
                }
                Invoke<GlobalSetupAttribute>(type, instance);
                foreach (var m in methods) { m.Invoke(instance, null); runs++; }
                Invoke<GlobalCleanupAttribute>(type, instance);
            }
            Assert.True(runs > 0);
        }

        private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
        {
            foreach (var m in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() != null)) m.Invoke(instance, null);
        }

        private static IEnumerable<object?[]> Product(List<object?[]> choices)
        {
            IEnumerable<object?[]> acc = new[] { new object?[0] };
            foreach (var c in choices) acc = acc.SelectMany(prefix => c.Select(v => prefix.Append(v).ToArray()));
            return acc;
        }
    }
}
