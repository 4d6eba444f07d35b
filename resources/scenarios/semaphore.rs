use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

#[tokio::main]
async fn main() {
    let permits = Arc::new(Semaphore::new(2));

    let mut handles = Vec::new();
    for i in 1..=5 {
        let permits = permits.clone();
        handles.push(tokio::spawn(async move {
            let _permit = permits.acquire().await.unwrap();
            println!("Request {} started", i);
            sleep(Duration::from_millis(500)).await;
            println!("Request {} finished", i);
        }));
    }

    for handle in handles {
        handle.await.unwrap();
    }
}
