// Semaphore: permits taken and given back when the permit is dropped; available_permits tells how many are left.
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let sem = Arc::new(Semaphore::new(2));
    let a = sem.acquire().await.unwrap();
    println!("after one: {} left", sem.available_permits());
    let b = sem.acquire().await.unwrap();
    println!("after two: {} left", sem.available_permits());
    let waiter = {
        let sem = sem.clone();
        tokio::spawn(async move {
            let _p = sem.acquire().await.unwrap();
            println!("third permit granted");
        })
    };
    sleep(Duration::from_millis(100)).await;
    drop(a);
    waiter.await.unwrap();
    drop(b);
    println!("all back: {} left", sem.available_permits());
}
