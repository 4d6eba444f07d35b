use tokio::time::{sleep, Duration};

async fn async_step(n: u64) {
    println!("Step {}: sleeping...", n);
    sleep(Duration::from_millis(n * 100)).await;
    println!("Step {}: done", n);
}

#[tokio::main]
async fn main() {
    println!("Starting steps...");
    async_step(1).await;
    println!("Back to sync code...");
    async_step(2).await;
}
