// tokio on one worker: spawn, join!, timeout, abort, a panic as a JoinError, and the virtual clock.
use std::time::Duration;
use tokio::time::{sleep, timeout};

async fn work(id: u32, ms: u64) -> u32 {
    sleep(Duration::from_millis(ms)).await;
    println!("work {} done", id);
    id * 10
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let h = tokio::spawn(work(1, 300));
    let (a, b) = tokio::join!(work(2, 100), work(3, 200));
    println!("joined {} {}", a, b);
    println!("spawned gave {}", h.await.unwrap());
    match timeout(Duration::from_millis(50), work(4, 10)).await {
        Ok(v) => println!("in time: {}", v),
        Err(_) => println!("late"),
    }
    let slow = tokio::spawn(async {
        sleep(Duration::from_secs(5)).await;
        1
    });
    slow.abort();
    println!("aborted: {}", slow.await.unwrap_err().is_cancelled());
    let boom = tokio::spawn(async {
        panic!("boom");
    });
    println!("panicked: {}", boom.await.unwrap_err().is_panic());
    let start = tokio::time::Instant::now();
    sleep(Duration::from_millis(250)).await;
    println!("slept {} ms", start.elapsed().as_millis());
}
