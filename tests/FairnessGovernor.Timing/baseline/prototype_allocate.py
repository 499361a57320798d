#!/usr/bin/env python3
"""The prototype's rules, written plainly: the baseline the timing harness compares against.

json.load the three inputs, sort by priority (stable), walk the materialised rotation with the
scanning pointer, compute the prototype's metrics and json.dump the --out document (the format of
AllocationDocument: indent 2, UTF-8, trailing newline). Prints load/allocate/write seconds as JSON
on stdout so the harness can report the phases.

usage: prototype_allocate.py TASKS.json AGENTS.json POLICY.json OUT.json
"""
import json
import sys
import time

PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}


def load(path, key):
    with open(path, "r", encoding="utf-8") as f:
        doc = json.load(f)
    if isinstance(doc, dict):
        doc = doc[key] if key in doc else doc
    return doc


def main(tasks_path, agents_path, policy_path, out_path):
    t0 = time.perf_counter()
    tasks = load(tasks_path, "tasks")
    agents = load(agents_path, "agents")
    policy = load(policy_path, "policy")
    if "policy_id" not in policy and isinstance(policy.get("policy"), dict):
        policy = policy["policy"]
    for t in tasks:
        t["priority"] = t.get("priority", "normal").strip().lower()
    t1 = time.perf_counter()

    if policy.get("respect_priority", True):
        ordered = sorted(tasks, key=lambda t: PRIORITY_RANK[t["priority"]])
    else:
        ordered = tasks
    rotation = []
    for a in agents:
        rotation.extend([a["id"]] * int(a.get("weight", 1)))
    capacity = {a["id"]: a.get("capacity") for a in agents}
    counts = {a["id"]: 0 for a in agents}
    allocation = []
    unassigned = []
    pointer = 0
    size = len(rotation)
    for t in ordered:
        chosen = None
        for step in range(size):
            idx = (pointer + step) % size
            agent = rotation[idx]
            cap = capacity[agent]
            if cap is None or counts[agent] < cap:
                chosen = agent
                pointer = (idx + 1) % size
                break
        if chosen is None:
            unassigned.append(t["id"])
        else:
            counts[chosen] += 1
            allocation.append({"task_id": t["id"], "agent_id": chosen})
    values = list(counts.values())
    max_tasks = max(values) if values else 0
    min_tasks = min(values) if values else 0
    skew = (max_tasks / max(1, min_tasks)) if values and len(ordered) > 0 else 0.0
    max_skew = float(policy.get("max_skew_ratio", 2.0))
    if skew <= 1.5:
        label = "balanced"
    elif skew > max_skew:
        label = "strong_imbalance"
    else:
        label = "mild_imbalance"
    doc = {
        "allocation": allocation,
        "unassigned": unassigned,
        "metrics": {
            "task_count_per_agent": counts,
            "max_tasks": max_tasks,
            "min_tasks": min_tasks,
            "skew_ratio": float(skew),
            "fairness_label": label,
            "unassigned_count": len(unassigned),
        },
    }
    t2 = time.perf_counter()
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    t3 = time.perf_counter()
    print(json.dumps({"load": t1 - t0, "allocate": t2 - t1, "write": t3 - t2, "total": t3 - t0}))


if __name__ == "__main__":
    main(*sys.argv[1:5])
