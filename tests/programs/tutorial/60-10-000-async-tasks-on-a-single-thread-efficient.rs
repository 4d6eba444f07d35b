use tokio::task;
use tokio::time::{sleep, Duration};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    for i in 0..10_000 {
        task::spawn(async move {
            sleep(Duration::from_millis(1)).await;
        });
    }

    println!("Spawned 10,000 tasks!");
    sleep(Duration::from_secs(1)).await;
}
