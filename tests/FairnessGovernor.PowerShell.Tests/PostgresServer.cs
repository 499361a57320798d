using System;
using System.Diagnostics;
using System.IO;
using Npgsql;

namespace FairnessGovernor.PowerShell.Tests
{
    /// <summary>
    /// The PostgreSQL server of the store tests (SPEC.md 10): FAIRNESS_GOVERNOR_TEST_PG, set by tools/with-postgres.sh
    /// (which .ci/run wraps around dotnet test) or by you for your own server. Each test works in a schema of its own.
    /// FAIRNESS_GOVERNOR_TEST_PG_CTL, when set, stops and starts the server (the tests that need that fail without it).
    /// </summary>
    public static class PostgresServer
    {
        public const string Variable = "FAIRNESS_GOVERNOR_TEST_PG";

        /// <summary>The connection string; the test fails when there is none (a <see cref="PostgresFactAttribute"/> test is skipped before that outside CI).</summary>
        public static string ConnectionString =>
            Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs
                : throw new InvalidOperationException(Variable + " is not set: no PostgreSQL server for the store tests. Run them through tools/with-postgres.sh (as .ci/run does), or set it to your own server's connection string.");

        /// <summary>The password in the connection string (the tests check it is never shown).</summary>
        public static string Password => new NpgsqlConnectionStringBuilder(ConnectionString).Password ?? "";

        /// <summary>A new schema name, unique to the test.</summary>
        public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N").Substring(0, 12);

        public static NpgsqlConnection Open()
        {
            var b = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, ApplicationName = "FairnessGovernor.Tests" };
            var c = new NpgsqlConnection(b.ConnectionString);
            c.Open();
            return c;
        }

        public static int Execute(string sql)
        {
            using var c = Open();
            using var cmd = new NpgsqlCommand(sql, c);
            return cmd.ExecuteNonQuery();
        }

        public static object? Scalar(string sql)
        {
            using var c = Open();
            using var cmd = new NpgsqlCommand(sql, c);
            var v = cmd.ExecuteScalar();
            return v is DBNull ? null : v;
        }

        /// <summary>Runs the server control script: stop (immediate, as a crash) or start.</summary>
        public static void Control(string verb)
        {
            var ctl = Environment.GetEnvironmentVariable("FAIRNESS_GOVERNOR_TEST_PG_CTL");
            if (string.IsNullOrEmpty(ctl) || !File.Exists(ctl))
                throw new InvalidOperationException("FAIRNESS_GOVERNOR_TEST_PG_CTL is not set: this test stops and restarts the server, which only tools/with-postgres.sh's throwaway server allows.");
            var psi = new ProcessStartInfo(ctl, verb) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            if (!p.WaitForExit(60000) || p.ExitCode != 0) throw new InvalidOperationException(ctl + " " + verb + " failed: " + output);
        }

        /// <summary>Waits until <paramref name="sql"/> (a count) is positive, polling; false after <paramref name="timeout"/>.</summary>
        public static bool WaitFor(string sql, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < timeout)
            {
                if (Convert.ToInt64(Scalar(sql) ?? 0L) > 0) return true;
                System.Threading.Thread.Sleep(50);
            }
            return false;
        }
    }

    /// <summary>
    /// A test that needs the PostgreSQL server: skipped, saying why, when none is configured outside CI; under CI=true it
    /// runs and fails without one, so CI never passes by skipping the store.
    /// </summary>
    public sealed class PostgresFactAttribute : FactAttribute
    {
        public PostgresFactAttribute()
        {
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            if (!ci && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresServer.Variable)))
                Skip = PostgresServer.Variable + " is not set: run the tests through tools/with-postgres.sh, or set it to your own server (README, PostgreSQL store).";
        }
    }

    /// <summary>A store test that also stops and starts the server: outside CI it is skipped unless FAIRNESS_GOVERNOR_TEST_PG_CTL is set too.</summary>
    public sealed class PostgresControlFactAttribute : FactAttribute
    {
        public PostgresControlFactAttribute()
        {
            bool ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            if (!ci && (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresServer.Variable)) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FAIRNESS_GOVERNOR_TEST_PG_CTL"))))
                Skip = "needs tools/with-postgres.sh's throwaway server (FAIRNESS_GOVERNOR_TEST_PG and FAIRNESS_GOVERNOR_TEST_PG_CTL), which it stops and restarts.";
        }
    }

    /// <summary>The store tests share one server, which some of them stop and restart: they run one at a time.</summary>
    [CollectionDefinition("Postgres", DisableParallelization = true)]
    public sealed class PostgresCollection
    {
    }
}
