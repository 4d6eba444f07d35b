//! CPU-bound work starves the worker
//!
//! 800 ms of computing on the only worker delays every heartbeat; on spawn_blocking it does not.
//!
//! A task gives its worker back only at an await. crunch_numbers computes for 800 ms without awaiting, so on a
//! current_thread runtime nothing else can run meanwhile: the first heartbeat's timer, due at 200 ms, does not
//! even fire until 850 ms (a worker turns to the timer driver only between polls), and every later beat shifts
//! with it. The second half moves the same computation to spawn_blocking,
//! which runs it on a separate thread of the blocking pool: the worker stays free and the heartbeats keep their
//! rhythm.
//!
//! Group: performance

use std::time::{Duration, Instant};
use tokio::time::sleep;

const CRUNCH_MS: u64 = 800; // param 0..=2000 ms: how long crunch_numbers computes
const BEAT_MS: u64 = 200; // param 1..=600000 ms: the heartbeat period

fn crunch_numbers() -> u64 {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(CRUNCH_MS) {}
    42
}

async fn heartbeat() {
    for i in 1..=4 {
        sleep(Duration::from_millis(BEAT_MS)).await;
        println!("Heartbeat {}", i);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let beats = tokio::spawn(heartbeat());
    sleep(Duration::from_millis(50)).await;
    let n = crunch_numbers();
    println!("Crunched {} on the worker: the heartbeats waited", n);
    beats.await.unwrap();

    let beats = tokio::spawn(heartbeat());
    sleep(Duration::from_millis(50)).await;
    let n = tokio::task::spawn_blocking(crunch_numbers).await.unwrap();
    println!("Crunched {} on the blocking pool: the heartbeats went on", n);
    beats.await.unwrap();
}
