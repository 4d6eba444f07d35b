// tokio::sync::Mutex: lock().await waits its turn without blocking the worker, the guard may be held across an
// .await, and the tasks get the lock in the order they asked for it; try_lock never waits.
use std::sync::Arc;
use tokio::sync::Mutex;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count = Arc::new(Mutex::new(0));
    let mut handles = Vec::new();
    for id in 1..=3 {
        let count = Arc::clone(&count);
        handles.push(tokio::spawn(async move {
            let mut guard = count.lock().await;
            println!("task {} has the lock", id);
            sleep(Duration::from_millis(100)).await; // held across an await: the others wait
            *guard += 1;
            println!("task {} leaves it at {}", id, *guard);
        }));
    }
    for h in handles {
        h.await.unwrap();
    }
    println!("total: {}", *count.lock().await);
    let first = count.try_lock();
    println!("try_lock while free: {}", first.is_ok());
    let second = count.try_lock();
    println!("try_lock while held: {}", second.is_ok());
}
