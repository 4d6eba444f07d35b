use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::time::{sleep, Duration};

async fn handle_request(name: &'static str, millis: u64, active: Arc<AtomicUsize>) {
    let now = active.fetch_add(1, Ordering::SeqCst) + 1;
    println!("{} started ({} active)", name, now);
    sleep(Duration::from_millis(millis)).await;
    let left = active.fetch_sub(1, Ordering::SeqCst) - 1;
    println!("{} finished ({} active)", name, left);
}

#[tokio::main]
async fn main() {
    let active = Arc::new(AtomicUsize::new(0));
    let slow = tokio::spawn(handle_request("slow request", 1500, active.clone()));
    let fast = tokio::spawn(handle_request("fast request", 500, active.clone()));
    let _ = tokio::join!(slow, fast);
    println!("Both requests served");
}
