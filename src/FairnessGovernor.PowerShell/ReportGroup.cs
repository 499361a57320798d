using System;
using FairnessGovernor.Allocation;
using FairnessGovernor.Report;

namespace FairnessGovernor.PowerShell
{
    /// <summary>
    /// The decisions of one run that reached Export-FairnessReport (SPEC.md 9.1). For a batch run it keeps only which
    /// decisions came, in order, and draws the whole run from its arrays when each came once; for a stream it records
    /// each decision as it comes.
    /// </summary>
    internal sealed class ReportGroup
    {
        private readonly AllocationResult? _run;
        private readonly bool[]? _seen;
        private readonly RunRecorder? _recorder;
        private int[] _received = new int[0];
        private int _receivedCount;
        private int _distinct;

        private readonly System.Threading.Tasks.Task? _runId;

        public ReportGroup(AllocationResult run)
        {
            _run = run;
            _seen = new bool[run.Count];
            // The run id is a digest of the run's whole input (SPEC.md 2.4), which Get-FairnessMetrics never needs: hash it
            // on another core while the decisions stream through, not after them. Inputs are immutable; the result is the same.
            _runId = System.Threading.Tasks.Task.Run(() => run.RunId);
        }

        public ReportGroup(AllocationStream stream) => _recorder = new RunRecorder(stream.RunId, true, stream.Agents, stream.Policy);

        /// <summary>Adds a decision of the run.</summary>
        public void Add(AllocationDecision d)
        {
            if (_run == null)
            {
                _recorder!.Add(d);
                return;
            }
            int k = d.Sequence - 1;
            if (!_seen![k]) { _seen[k] = true; _distinct++; }
            if (_receivedCount == _received.Length) Array.Resize(ref _received, Math.Max(1024, _received.Length * 2));
            _received[_receivedCount++] = k;
        }

        /// <summary>The whole run's figures when every decision came through once; otherwise those of what came, in the order it came.</summary>
        public RunFigures ToFigures()
        {
            if (_run == null) return _recorder!.ToFigures();
            _runId!.GetAwaiter().GetResult();
            if (_distinct == _run.Count && _receivedCount == _run.Count) return RunFigures.Of(_run);
            var recorder = new RunRecorder(_run.RunId, false, _run.Agents, _run.Policy);
            for (int i = 0; i < _receivedCount; i++) recorder.Add(_run.GetDecision(_received[i]));
            return recorder.ToFigures();
        }
    }
}
