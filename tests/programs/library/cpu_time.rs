// Simulated CPU time: a busy loop holds its worker for its duration, so a timer due meanwhile is late; the same
// loop on spawn_blocking leaves the worker free.
use std::time::{Duration, Instant};
use tokio::time::sleep;

fn busy(ms: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(ms) {}
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let timer = tokio::spawn(async move {
        sleep(Duration::from_millis(100)).await;
        println!("timer ran at {} ms", start.elapsed().as_millis());
    });
    tokio::task::yield_now().await;
    busy(300);
    println!("busy loop done at {} ms", start.elapsed().as_millis());
    timer.await.unwrap();
    let timer = tokio::spawn(async move {
        sleep(Duration::from_millis(100)).await;
        println!("second timer ran at {} ms", start.elapsed().as_millis());
    });
    tokio::task::spawn_blocking(|| busy(300)).await.unwrap();
    println!("blocking loop done at {} ms", start.elapsed().as_millis());
    timer.await.unwrap();
}
