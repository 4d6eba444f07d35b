#!/usr/bin/env python3
"""Writes the bad-trace corpus (tests/traces/bad/*.json): one problem per file, made from a good trace of the
select scenario. The files are committed; rerun this only to add cases. Each file's expected message is in
tests/traces/bad/expected.tsv (file, tab, the reader's message after "PATH: "), checked by tst_command_line
(the command line) and tst_window (File > Open)."""
import copy
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
base_path = os.path.join(here, "..", "fuzz", "corpus", "trace_reader", "select.json")
with open(base_path, encoding="utf-8") as f:
    base_text = f.read()
base = json.loads(base_text)
out = os.path.join(here, "bad")


def dump(trace):
    """The writer's own layout: one lane, task, resource, string or event per line."""
    def items(key):
        return ",\n  ".join(json.dumps(x, ensure_ascii=False) for x in trace[key])
    head = {k: v for k, v in trace.items() if k not in ("lanes", "tasks", "resources", "strings", "events")}
    text = "{\n" + ",\n".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items())
    for key in ("lanes", "tasks", "resources", "strings", "events"):
        if key in trace:
            text += f",\n{json.dumps(key)}: " + (f"[\n  {items(key)}]" if isinstance(trace[key], list) and trace[key]
                                                 else json.dumps(trace[key]))
    return text + "\n}\n"


cases = []


def text_case(name, text):
    cases.append((name, text.encode("utf-8") if isinstance(text, str) else text))


def edit(name, fn):
    t = copy.deepcopy(base)
    fn(t)
    cases.append((name, dump(t).encode("utf-8")))


def event(t, i, field, value):
    t["events"][i][field] = value


# Not JSON at all, or broken JSON.
text_case("empty", "")
text_case("whitespace-only", "  \n\n ")
text_case("truncated-in-the-tasks", base_text[:300])
text_case("truncated-in-the-events", base_text[:1200])
text_case("trailing-comma", base_text.replace('"worker 0"}]', '"worker 0"},]'))
text_case("missing-comma", base_text.replace('"version": 1,', '"version": 1'))
text_case("single-quotes", base_text.replace('"mode": "simulated"', "'mode': 'simulated'"))
text_case("garbage-after-the-object", base_text + "{}")
text_case("nan", base_text.replace('"duration_ns": 1000000000', '"duration_ns": NaN'))
text_case("unterminated-object", base_text.rstrip().rstrip("}"))
text_case("invalid-utf8", base_text.encode("utf-8").replace(b"Fast source", b"Fast \xff\xfe source"))
text_case("bad-escape", base_text.replace("Fast source", "Fast \\x source"))
text_case("control-character", base_text.replace("Fast source", "Fast\x01source"))
text_case("comment", "// a trace\n" + base_text)
text_case("number-too-big", base_text.replace('"duration_ns": 1000000000', '"duration_ns": 1e400'))
# The top level.
text_case("top-level-array", "[" + base_text + "]")
text_case("top-level-string", '"wakeline-trace"')
text_case("top-level-null", "null")
edit("wrong-format", lambda t: t.update(format="chrome-trace"))
edit("missing-format", lambda t: t.pop("format"))
edit("future-version", lambda t: t.update(version=2))
edit("version-as-text", lambda t: t.update(version="1"))
edit("scenario-as-number", lambda t: t.update(scenario=5))
edit("unknown-mode", lambda t: t.update(mode="fast"))
edit("no-workers", lambda t: t.update(workers=0))
edit("too-many-workers", lambda t: t.update(workers=65))
edit("fractional-workers", lambda t: t.update(workers=1.5))
edit("seed-as-number", lambda t: t.update(seed=1))
edit("negative-seed", lambda t: t.update(seed="-1"))
edit("seed-too-large", lambda t: t.update(seed="99999999999999999999999"))
edit("negative-duration", lambda t: t.update(duration_ns=-1))
edit("duration-as-text", lambda t: t.update(duration_ns="1 s"))
edit("missing-events", lambda t: t.pop("events"))
text_case("field-twice", base_text.replace('"scenario": "select",', '"scenario": "select",\n"scenario": "join",'))
# Parameters, lanes, tasks, resources, strings.
edit("params-as-object", lambda t: t.update(params={"fast_ms": "1000"}))
edit("param-of-three", lambda t: t["params"].__setitem__(0, ["fast_ms", "1000", "ms"]))
edit("param-value-as-number", lambda t: t["params"].__setitem__(0, ["fast_ms", 1000]))
edit("lanes-as-object", lambda t: t.update(lanes={"kind": "worker", "name": "worker 0"}))
edit("unknown-lane-kind", lambda t: t["lanes"][0].update(kind="gpu"))
edit("lane-without-name", lambda t: t["lanes"][0].pop("name"))
edit("fewer-lanes-than-workers", lambda t: t.update(workers=2))
edit("task-ids-out-of-order", lambda t: t["tasks"][1].update(id=5))
edit("task-parent-after-itself", lambda t: t["tasks"][1].update(parent=3))
edit("unknown-task-kind", lambda t: t["tasks"][0].update(kind="thread"))
edit("task-name-too-long", lambda t: t["tasks"][0].update(name="m" * 70000))
edit("task-as-array", lambda t: t["tasks"].__setitem__(0, [1, "main"]))
edit("resource-id-wrong", lambda t: t["resources"][1].update(id=1))
edit("resource-without-kind", lambda t: t["resources"][0].pop("kind"))
edit("string-as-number", lambda t: t["strings"].__setitem__(0, 42))
# Events.
edit("events-as-object", lambda t: t.update(events={"0": t["events"][0]}))
edit("short-event", lambda t: t["events"].__setitem__(3, [0, "wake", 1]))
edit("long-event", lambda t: t["events"][3].append(0))
edit("event-as-object", lambda t: t["events"].__setitem__(3, {"time": 0}))
edit("unknown-event-kind", lambda t: event(t, 2, 1, "polll"))
edit("time-backwards", lambda t: event(t, 13, 0, 5))
edit("fractional-time", lambda t: event(t, 1, 0, 0.5))
edit("negative-time", lambda t: event(t, 0, 0, -1))
edit("unknown-task", lambda t: event(t, 1, 2, 99))
edit("unknown-lane", lambda t: event(t, 1, 3, 9))
edit("lane-below-minus-one", lambda t: event(t, 1, 3, -2))
edit("detail-out-of-range", lambda t: event(t, 1, 4, 7))
edit("unknown-peer", lambda t: event(t, 2, 5, 42))
edit("unknown-resource", lambda t: event(t, 5, 6, 9))
edit("print-of-a-missing-string", lambda t: event(t, 19, 7, 42))
edit("value-as-text", lambda t: event(t, 5, 7, "3 s"))
edit("site-as-boolean", lambda t: event(t, 5, 8, True))
# Well-formed, but impossible: the invariant checker refuses them.
edit("timer-armed-without-timer", lambda t: event(t, 5, 6, 0))   # once crashed the window's stage
edit("timer-fired-without-timer", lambda t: event(t, 12, 6, 0))  # once crashed the window's playback
edit("polled-on-two-workers-at-once", lambda t: (
    t["lanes"].append({"kind": "worker", "name": "worker 1"}), t.update(workers=2),
    t["events"].insert(2, [0, "poll_start", 1, 1, 0, 0, 0, 0, 0])))
edit("poll-end-without-a-start", lambda t: t["events"].pop(4))
edit("print-after-completion", lambda t: t["events"].append([1000000000, "print", 3, 0, 0, 0, 0, 0, 11]))
edit("negative-cpu-work", lambda t: t["events"].insert(2, [0, "cpu_work", 1, 0, 0, 0, 0, -5000000, 0]))
edit("poll-without-a-lane", lambda t: event(t, 1, 3, -1))
edit("task-never-ends", lambda t: t["events"].pop())
edit("spawned-twice", lambda t: t["events"].insert(3, [0, "spawned", 2, 0, 0, 1, 0, 0, 17]))
edit("polled-again-without-a-wake", lambda t: t["events"].pop(13))
edit("ended-twice", lambda t: t["events"].append([1000000000, "cancelled", 1, -1, 1, 0, 0, 0, 0]))
edit("polled-before-spawned", lambda t: t["events"].insert(0, [0, "poll_start", 2, 0, 0, 0, 0, 0, 0]))
edit("sync-without-a-channel", lambda t: t["events"].insert(2, [0, "sync", 1, 0, 1, 0, 0, 0, 0]))
edit("wake-of-no-task", lambda t: event(t, 13, 2, 0))

os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    if old.endswith(".json"):
        os.remove(os.path.join(out, old))
for i, (name, data) in enumerate(cases, 1):
    with open(os.path.join(out, f"{i:02d}-{name}.json"), "wb") as f:
        f.write(data)
print(f"wrote {len(cases)} bad traces to {out}")
