// Arc<Mutex<_>> and an atomic shared by ten tasks on four workers: every increment counted once.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "multi_thread", worker_threads = 4)]
async fn main() {
    let total = Arc::new(Mutex::new(0u64));
    let hits = Arc::new(AtomicUsize::new(0));
    let mut handles = Vec::new();
    for i in 1..=10u64 {
        let total = total.clone();
        let hits = hits.clone();
        handles.push(tokio::spawn(async move {
            sleep(Duration::from_millis(10 * i)).await;
            *total.lock().unwrap() += i;
            hits.fetch_add(1, Ordering::SeqCst);
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    println!("total {} from {} tasks", *total.lock().unwrap(), hits.load(Ordering::SeqCst));
}
