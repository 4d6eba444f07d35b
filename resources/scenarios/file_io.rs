//! Async file I/O runs on the blocking pool
//!
//! tokio::fs writes and reads really run on blocking-pool threads; the task only awaits them.
//!
//! Operating systems offer no portable async file API, so tokio::fs hands every call to spawn_blocking: the real
//! std::fs work runs on a thread of the blocking pool while the task is parked, and the blocking thread wakes it
//! when done. The three writes go one after another; the three reads, joined, run at the same time on three
//! blocking threads. (The files are real, in a directory of this run's own. Wakeline makes each file call
//! first wait 20 ms on its blocking thread, a disk's latency, so the wait is visible.)
//!
//! Group: performance

use tokio::fs;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let dir = std::env::temp_dir();
    for name in ["a.txt", "b.txt", "c.txt"] {
        fs::write(dir.join(name), format!("contents of {}", name)).await?;
    }
    println!("Wrote 3 files");

    let (a, b, c) = tokio::join!(
        fs::read_to_string(dir.join("a.txt")),
        fs::read_to_string(dir.join("b.txt")),
        fs::read_to_string(dir.join("c.txt")),
    );
    println!("Read: {}, {}, {}", a?, b?, c?);
    Ok(())
}
