use std::time::{Duration, Instant};
use tokio::time::sleep;

fn crunch(millis: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_millis(millis) {}
}

// Run it as it is, then with: #[tokio::main(flavor = "multi_thread", worker_threads = 4)]
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let mut handles = Vec::new();
    for i in 1..=4 {
        handles.push(tokio::spawn(async move {
            crunch(100);
            sleep(Duration::from_millis(100)).await;
            crunch(100);
            println!("Job {} done at {} ms", i, start.elapsed().as_millis());
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    println!("All done in {} ms", start.elapsed().as_millis());
}
