//! 10,000 tasks on one worker
//!
//! 10,000 tasks parked at once on one worker: kilobytes each, against megabytes of thread stack.
//!
//! A task is a small heap object: the state of its future plus the runtime's bookkeeping. Spawning 10,000 of them
//! on a single worker is quick, and once each has been polled and parked they just wait, costing memory and nothing
//! else. The bytes per task are measured from the executor's allocator while all of them are parked (here they
//! include the interpreter's frames: a compiled tokio task of this size takes a few hundred bytes); a thread would
//! reserve its whole stack up front (Rust's std::thread asks for 2 MiB, the system default is shown). One send
//! wakes them all.
//!
//! Group: performance

use tokio::sync::broadcast;
// allocated_bytes(): the bytes the runtime holds for tasks (in compiled Rust, read from a counting
// #[global_allocator]); thread_stack_kib(): the stack a new thread reserves on this system.
use wakeline::{allocated_bytes, thread_stack_kib};

const TASKS: usize = 10_000; // param 1..=20000: how many tasks to spawn

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (go, _) = broadcast::channel::<()>(1);
    let before = allocated_bytes();
    let mut handles = Vec::with_capacity(TASKS);
    for _ in 0..TASKS {
        let mut rx = go.subscribe();
        handles.push(tokio::spawn(async move {
            let _ = rx.recv().await;
        }));
    }
    tokio::task::yield_now().await;
    let per_task = (allocated_bytes() - before) / TASKS;
    println!("{} tasks parked: {} bytes per task", TASKS, per_task);
    println!("A thread reserves {} KiB of stack", thread_stack_kib());
    go.send(()).unwrap();
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All {} tasks finished", TASKS);
}
