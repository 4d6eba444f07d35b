//! Records a real tokio run as JSON lines that `wakeline --import-tokio` reads.
//!
//! ```ignore
//! fn main() {
//!     let _capture = wakeline_capture::init("run.jsonl"); // before the runtime, so its worker threads are seen
//!     tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
//!         .block_on(async { /* the program */ });
//! }
//! ```
//!
//! One line per span new / enter / exit / close / record and per event. Every line has `t` (ns since init), `th`
//! (a thread number, 1 for the first thread seen), `tn` (its name) and `k` (the kind). `new` adds `id`, `parent`
//! (0 for none), `name`, `target` and the fields `f`; `enter`, `exit` and `close` add `id`; `record` adds `id` and
//! `f`; `event` adds `target` and `f`. Span ids are the subscriber's: tokio's waker events name their task by it.
use std::cell::RefCell;
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tracing_core::field::{Field, Visit};
use tracing_core::span::{Attributes, Id, Record};
use tracing_core::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

struct Sink {
    out: Mutex<BufWriter<File>>,
    start: Instant,
    // Once the guard is dropped every line is flushed as it is written: the runtime may still be shutting down.
    unbuffered: AtomicBool,
}

impl Sink {
    // Stamps and writes one line under the lock, so the file's times never run backwards.
    fn write(&self, th: u64, tn: &str, kind: &str, body: &str) {
        let mut out = self.out.lock().unwrap_or_else(|e| e.into_inner());
        let t = self.start.elapsed().as_nanos() as u64;
        let _ = write!(out, "{{\"t\":{},\"th\":{},\"tn\":{},\"k\":\"{}\"{}}}\n", t, th, tn, kind, body);
        if self.unbuffered.load(Ordering::Relaxed) {
            let _ = out.flush();
        }
    }
}

/// Keeps the capture buffered while alive; dropping it flushes what was written and writes the rest unbuffered.
#[must_use = "the capture is flushed when this guard is dropped: keep it until the runtime has shut down"]
pub struct Guard {
    sink: Arc<Sink>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.sink.unbuffered.store(true, Ordering::Relaxed);
        let _ = self.sink.out.lock().unwrap_or_else(|e| e.into_inner()).flush();
    }
}

/// Starts recording every span and event of this process into `path` (created or truncated). Call it before the
/// runtime is built. Fails when the file cannot be created or a global subscriber is already set.
pub fn try_init(path: impl AsRef<Path>) -> io::Result<Guard> {
    let file = File::create(path)?;
    let sink = Arc::new(Sink {
        out: Mutex::new(BufWriter::with_capacity(1 << 20, file)),
        start: Instant::now(),
        unbuffered: AtomicBool::new(false),
    });
    let subscriber = tracing_subscriber::registry().with(CaptureLayer { sink: sink.clone() });
    tracing_core::dispatcher::set_global_default(tracing_core::Dispatch::new(subscriber))
        .map_err(|e| io::Error::new(io::ErrorKind::Other, e.to_string()))?;
    Ok(Guard { sink })
}

/// As [`try_init`], panicking with the reason when the capture cannot start.
pub fn init(path: impl AsRef<Path>) -> Guard {
    let path = path.as_ref();
    try_init(path).unwrap_or_else(|e| panic!("wakeline-capture: cannot record into {}: {}", path.display(), e))
}

struct CaptureLayer {
    sink: Arc<Sink>,
}

static NEXT_THREAD: AtomicU64 = AtomicU64::new(1);
thread_local! {
    // This thread's number and its name as a JSON string, made once.
    static THREAD: (u64, String) = {
        let mut name = String::new();
        json_string(&mut name, std::thread::current().name().unwrap_or(""));
        (NEXT_THREAD.fetch_add(1, Ordering::Relaxed), name)
    };
    static LINE: RefCell<String> = RefCell::new(String::with_capacity(256));
}

impl CaptureLayer {
    // Writes one line: the common head, then what `body` adds.
    fn line(&self, kind: &str, body: impl FnOnce(&mut String)) {
        THREAD.with(|(th, tn)| {
            LINE.with(|cell| {
                // A subscriber can be re-entered (an event recorded while formatting): use a fresh buffer then.
                let mut fresh = String::new();
                let mut borrowed = cell.try_borrow_mut();
                let s: &mut String = match borrowed {
                    Ok(ref mut b) => b,
                    Err(_) => &mut fresh,
                };
                s.clear();
                body(s);
                self.sink.write(*th, tn, kind, s);
            })
        });
    }
}

impl<S> Layer<S> for CaptureLayer
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let parent = if let Some(p) = attrs.parent() {
            p.into_u64()
        } else if attrs.is_contextual() {
            ctx.current_span().id().map(|p| p.into_u64()).unwrap_or(0)
        } else {
            0
        };
        self.line("new", |s| {
            let _ = write!(s, ",\"id\":{},\"parent\":{},\"name\":", id.into_u64(), parent);
            json_string(s, attrs.metadata().name());
            s.push_str(",\"target\":");
            json_string(s, attrs.metadata().target());
            s.push_str(",\"f\":{");
            attrs.record(&mut Fields { out: s, first: true });
            s.push('}');
        });
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, _ctx: Context<'_, S>) {
        self.line("record", |s| {
            let _ = write!(s, ",\"id\":{},\"f\":{{", id.into_u64());
            values.record(&mut Fields { out: s, first: true });
            s.push('}');
        });
    }

    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        self.line("event", |s| {
            s.push_str(",\"target\":");
            json_string(s, event.metadata().target());
            s.push_str(",\"f\":{");
            event.record(&mut Fields { out: s, first: true });
            s.push('}');
        });
    }

    fn on_enter(&self, id: &Id, _ctx: Context<'_, S>) {
        self.line("enter", |s| {
            let _ = write!(s, ",\"id\":{}", id.into_u64());
        });
    }

    fn on_exit(&self, id: &Id, _ctx: Context<'_, S>) {
        self.line("exit", |s| {
            let _ = write!(s, ",\"id\":{}", id.into_u64());
        });
    }

    fn on_close(&self, id: Id, _ctx: Context<'_, S>) {
        self.line("close", |s| {
            let _ = write!(s, ",\"id\":{}", id.into_u64());
        });
    }
}

// Writes fields as JSON members: numbers and booleans as themselves, everything else as a string.
struct Fields<'a> {
    out: &'a mut String,
    first: bool,
}

impl Fields<'_> {
    fn key(&mut self, field: &Field) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        json_string(self.out, field.name());
        self.out.push(':');
    }
}

impl Visit for Fields<'_> {
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.key(field);
        let _ = write!(self.out, "{}", value);
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.key(field);
        let _ = write!(self.out, "{}", value);
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.key(field);
        let _ = write!(self.out, "{}", value);
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.key(field);
        if value.is_finite() {
            let _ = write!(self.out, "{}", value);
        } else {
            json_string(self.out, &value.to_string());
        }
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.key(field);
        json_string(self.out, value);
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.key(field);
        json_string(self.out, &format!("{:?}", value));
    }
}

fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
