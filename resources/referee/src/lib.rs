//! The referee's clock. Each program's `println!` is replaced by `stamp`, which writes the line with the runtime's
//! time since `main` started, in nanoseconds: `<ns>\t<text>`. Under `start_paused = true` that is tokio's virtual
//! clock, which jumps to the next timer exactly as Wakeline's simulated driver does.
use std::io::Write;
use std::sync::Mutex;
use tokio::time::Instant;

static START: Mutex<Option<Instant>> = Mutex::new(None);

/// Called first thing in `main`.
pub fn start() {
    *START.lock().unwrap() = Some(Instant::now());
}

/// One printed line (a line break inside it is written as `\n`, as the comparison reads Wakeline's).
pub fn stamp(text: String) {
    let start = START.lock().unwrap().unwrap_or_else(Instant::now);
    let ns = Instant::now().saturating_duration_since(start).as_nanos();
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "{}\t{}", ns, text.replace('\n', "\\n")).unwrap();
}
