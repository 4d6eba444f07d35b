#!/usr/bin/env python3
"""Writes the malformed tokio captures (tests/traces/tokio-bad/*.jsonl): one problem per file, made from the real
current_thread capture in tests/traces/tokio/. The files are committed; rerun this only to add cases. Each file's
expected message is in tests/traces/tokio-bad/expected.tsv (file, tab, the importer's message after "PATH: "),
checked by tst_tokio_import, tst_command_line (--import-tokio) and tst_window (File > Import tokio run)."""
import json
import os

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "tokio", "current_thread.jsonl"), encoding="utf-8") as f:
    base = f.read().splitlines()
lines = [json.loads(l) for l in base]
out = os.path.join(here, "tokio-bad")


def dump(objs):
    return "".join(json.dumps(o, separators=(",", ":")) + "\n" for o in objs)


def index(pred, start=0):
    return next(i for i in range(start, len(lines)) if pred(lines[i]))


def copy():
    return [dict(l, f=dict(l["f"])) if "f" in l else dict(l) for l in lines]


first_task = index(lambda l: l["k"] == "new" and l["name"] == "runtime.spawn")
task_id = lines[first_task]["id"]
first_enter = index(lambda l: l["k"] == "enter" and l["id"] == task_id)
first_exit = index(lambda l: l["k"] == "exit" and l["id"] == task_id)
first_wake = index(lambda l: l["k"] == "event" and l["target"] == "tokio::task::waker")
first_close = index(lambda l: l["k"] == "close" and l["id"] == task_id)
resource = index(lambda l: l["k"] == "new" and l["name"] == "runtime.resource")

cases = {}
cases["01-empty.jsonl"] = ""
cases["02-blank-lines-only.jsonl"] = "\n  \n\n"
cases["03-not-json.jsonl"] = "this is not a capture\n"
cases["04-cut-off-last-line.jsonl"] = "\n".join(base[:40]) + "\n" + base[40][: len(base[40]) // 2]
cases["05-array-instead-of-object.jsonl"] = dump(lines[:3]) + "[1, 2, 3]\n"
m = copy(); del m[5]["t"]; cases["06-missing-time.jsonl"] = dump(m)
m = copy(); m[5]["t"] = -5; cases["07-negative-time.jsonl"] = dump(m)
m = copy(); m[5]["t"] = "soon"; cases["08-time-as-text.jsonl"] = dump(m)
m = copy(); m[6]["t"] = m[5]["t"] - 1000; cases["09-time-runs-backwards.jsonl"] = dump(m)
m = copy(); del m[2]["th"]; cases["10-missing-thread.jsonl"] = dump(m)
m = copy(); m[2]["th"] = 0; cases["11-thread-zero.jsonl"] = dump(m)
m = copy(); del m[3]["k"]; cases["12-missing-kind.jsonl"] = dump(m)
m = copy(); m[3]["k"] = "poll"; cases["13-unknown-kind.jsonl"] = dump(m)
m = copy(); m[first_enter]["id"] = 987654321; cases["14-enter-of-unknown-span.jsonl"] = dump(m)
m = copy(); m[first_exit]["th"] = 7; m[first_exit]["tn"] = "elsewhere"; cases["15-exit-on-another-thread.jsonl"] = dump(m)
m = copy(); m[first_close]["id"] = 987654321; cases["16-close-of-unknown-span.jsonl"] = dump(m)
m = copy(); m[first_task + 1:first_task + 1] = [dict(m[first_task], t=m[first_task]["t"])]
cases["17-span-created-twice.jsonl"] = dump(m)
m = copy(); m[resource]["id"] = 0; cases["18-span-id-zero.jsonl"] = dump(m)
m = copy(); m[first_wake]["f"]["task.id"] = m[resource]["id"]; m[first_wake]["f"]["op"] = "waker.wake"
cases["19-wake-of-a-resource.jsonl"] = dump(m)
m = copy(); m[first_wake]["f"] = {"op": "waker.wake"}; cases["20-wake-without-task.jsonl"] = dump(m)
m = copy(); del m[first_task]["f"]["kind"]; cases["21-spawn-without-kind.jsonl"] = dump(m)
m = copy(); m[first_wake]["f"] = [1, 2]; cases["22-fields-not-an-object.jsonl"] = dump(m)
m = copy(); m[first_enter + 1:first_enter + 1] = [dict(m[first_enter], th=9, tn="other")]
cases["23-task-entered-on-two-threads.jsonl"] = dump(m)
cases["24-no-tokio-task.jsonl"] = dump([{"t": 10, "th": 1, "tn": "main", "k": "event", "target": "app",
                                         "f": {"message": "hello"}}])
m = copy(); m[first_enter + 1:first_enter + 1] = [dict(m[first_close], t=m[first_enter]["t"])]
cases["25-task-closed-while-entered.jsonl"] = dump(m)
cases["26-two-objects-on-a-line.jsonl"] = dump(lines[:2]).rstrip("\n") + " " + json.dumps(lines[2]) + "\n"
cases["27-line-too-long.jsonl"] = dump(lines[:2]) + json.dumps(dict(lines[2], tn="x" * 70000)) + "\n"
m = copy(); m[3]["id"] = "seven"; cases["28-span-id-as-text.jsonl"] = dump(m)

os.makedirs(out, exist_ok=True)
for name, text in cases.items():
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write(text)
with open(os.path.join(out, "29-not-utf8.jsonl"), "wb") as f:
    f.write(dump(lines[:2]).encode() + b'{"t":999999999,"th":1,"tn":"m\xff\xfe","k":"enter","id":1}\n')
print(f"wrote {len(cases) + 1} captures into {out}")
