use std::time::{Duration, Instant};
use tokio::time::sleep;

fn crunch_numbers() -> u64 {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(800) {}
    42
}

async fn heartbeat() {
    for i in 1..=4 {
        sleep(Duration::from_millis(200)).await;
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
